import type { TotpEnrolment } from '../types';

/** The server's QR SVG as an image (never markup in our DOM), with the otpauth URI for manual entry. */
export function QrCode({ enrolment }: { enrolment: TotpEnrolment }) {
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`;
  return (
    <figure className="qr">
      <img src={src} alt="QR code for the authenticator app" width={200} height={200} data-testid="totp-qr" />
      <figcaption>
        Scan it with an authenticator app, or enter: <code data-testid="totp-uri">{enrolment.otpauthUri}</code>
      </figcaption>
    </figure>
  );
}

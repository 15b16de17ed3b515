import { newTotpSecret, otpauthUri, qrSvg, sealTotp, setPendingTotp } from '@hotline/accounts';
import { accountOf } from '../http/account-of';
import type { RouteSpec } from '../http/route';

export const totpOptionsRoute: RouteSpec = {
  method: 'post',
  path: '/api/me/totp/options',
  summary: 'A new TOTP secret to enrol (pending until a code from it is confirmed); the current one stays in use until then.',
  access: 'analyst',
  reauth: true,
  responses: { 200: '{otpauthUri, qrSvg}' },
  async handler(_req, res, { ctx, principal }) {
    const user = await accountOf(ctx.db, principal);
    const secret = newTotpSecret();
    await setPendingTotp(ctx.db, user.id, sealTotp(ctx.secrets.accountsKey, user.id, secret));
    const uri = otpauthUri(user.username, secret);
    res.json({ otpauthUri: uri, qrSvg: await qrSvg(uri) });
  },
};

/**
 * A metrics label for why an image could not be hashed: a short fixed vocabulary, never the reason
 * text itself (it can quote the decoder, sizes or formats without bound).
 */
export type DecodeReasonClass = 'unsupported_format' | 'format_mismatch' | 'too_many_pixels' | 'decode_timeout' | 'undecodable' | 'other';

const RULES: Array<[RegExp, DecodeReasonClass]> = [
  [/not supported|not a recognised image format/, 'unsupported_format'],
  [/^content stored as .* by its bytes$|^content sniffed as .* decodes as/, 'format_mismatch'],
  [/exceeds the limit of .* pixels/, 'too_many_pixels'],
  [/^decoding took longer than/, 'decode_timeout'],
  [/could not be decoded|not a decodable image/, 'undecodable'],
];

export function decodeReasonClass(reason: string): DecodeReasonClass {
  return RULES.find(([re]) => re.test(reason))?.[1] ?? 'other';
}

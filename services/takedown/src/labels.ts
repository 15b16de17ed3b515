import type { Classification } from '@hotline/platform';

/** The line a notice gives each URL: the legal category only, never a description of the image. */
export function classificationLabel(c: Classification): string {
  const scheme = [c.industry && `industry ${c.industry}`, c.iwfCategory && `IWF category ${c.iwfCategory}`].filter(Boolean).join(', ');
  const base = c.verdict === 'baseline' ? 'child sexual abuse material (INTERPOL baseline)' : 'child sexual abuse material (illegal under national law)';
  return scheme ? `${base}; ${scheme}` : base;
}

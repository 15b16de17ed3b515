import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '@hotline/platform';
import { assertValidXarf, buildXarfCsam, validateXarf, xarfClassification, XarfInvalidError, type XarfCsamInput } from '../src';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'xarf-v4', 'sample-content-csam.json');

const input: XarfCsamInput = {
  reportId: '6f1c1c3e-2b1a-4c55-9d0e-0d7d7f0b6a41',
  timestamp: '2025-01-20T10:30:00.000Z',
  reporter: { org: 'Test Hotline', contact: 'notices@hotline.invalid', domain: 'hotline.invalid' },
  url: 'https://Img.Example.com/a/b.jpg',
  ip: '198.51.100.7',
  classification: { verdict: 'baseline', industry: 'A2' },
  hashes: { sha256: 'a'.repeat(64), md5: 'b'.repeat(32), sha1: 'c'.repeat(40), pdq: 'd'.repeat(64) },
  detectionMethod: 'manual_review',
  mediaType: 'image',
  firstSeen: '2025-01-19T09:00:00.000Z',
};

describe('X-ARF v4 content/csam', () => {
  it('validates the published sample', () => {
    expect(validateXarf(JSON.parse(fs.readFileSync(SAMPLE, 'utf8')))).toEqual({ ok: true });
  });

  it('builds a valid report from hashes and the classification, without evidence or bytes', () => {
    const doc = buildXarfCsam(input);
    expect(validateXarf(doc)).toEqual({ ok: true });
    expect(doc).toMatchObject({
      xarf_version: '4.2.0',
      category: 'content',
      type: 'csam',
      source_identifier: '198.51.100.7',
      domain: 'img.example.com',
      classification: 'A2',
      detection_method: 'manual_review',
      media_type: 'image',
      hash_values: { sha256: 'a'.repeat(64), md5: 'b'.repeat(32), sha1: 'c'.repeat(40), pdq: 'd'.repeat(64) },
      first_seen: '2025-01-19T09:00:00.000Z',
    });
    expect(doc.sender).toEqual(doc.reporter);
    expect(doc).not.toHaveProperty('evidence');
  });

  it('names the host as the source when the trace found no IP, and leaves out a domain that is an IP literal', () => {
    expect(buildXarfCsam({ ...input, ip: null }).source_identifier).toBe('img.example.com');
    const literal = buildXarfCsam({ ...input, url: 'http://[2001:db8::1]/x.jpg', ip: null });
    expect(literal.source_identifier).toBe('2001:db8::1');
    expect(literal).not.toHaveProperty('domain');
  });

  it.each([
    [{ verdict: 'baseline' }, 'baseline'],
    [{ verdict: 'baseline', industry: 'A1' }, 'A1'],
    [{ verdict: 'baseline', industry: 'B2' }, 'baseline'],
    [{ verdict: 'national', industry: 'B1' }, 'B1'],
    [{ verdict: 'national', industry: 'B2' }, 'B2'],
    [{ verdict: 'national', industry: 'A1' }, 'B1'],
    [{ verdict: 'national', iwfCategory: 'B' }, 'B1'],
    [{ verdict: 'national', iwfCategory: 'C' }, 'B2'],
    [{ verdict: 'national' }, 'B2'],
  ] as const)('maps %j onto %s', (classification, expected) => {
    expect(xarfClassification(classification)).toBe(expected);
  });

  it('refuses to make a report of material that is not illegal', () => {
    expect(() => buildXarfCsam({ ...input, classification: { verdict: 'not_illegal' } })).toThrow(ValidationError);
    expect(() => xarfClassification({ verdict: 'not_reachable' })).toThrow(/not child sexual abuse material/);
  });

  it('reports an invalid document with the failing paths', () => {
    const doc = { ...buildXarfCsam(input), classification: 'C', reporter: { org: 'x' }, hash_values: { sha256: 'nothex' } };
    const result = validateXarf(doc);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/classification: must be equal to one of the allowed values \(baseline, A1, A2, B1, B2\)/),
        "/reporter/contact: must have required property 'contact'",
        expect.stringMatching(/^\/hash_values\/sha256: must match pattern/),
      ]),
    );
  });

  it('throws a typed, non-retriable error from assertValidXarf', () => {
    let caught: unknown;
    try {
      assertValidXarf({ xarf_version: '4.2.0' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(XarfInvalidError);
    expect(caught).toMatchObject({ code: 'xarf_invalid', status: 422, retriable: false });
    expect((caught as XarfInvalidError).errors).toContain("/report_id: must have required property 'report_id'");
  });

  it('refuses a bad reporter address and a relative URL', () => {
    expect(() => buildXarfCsam({ ...input, reporter: { ...input.reporter, contact: 'not an address' } })).toThrow(/\/reporter\/contact/);
    expect(() => buildXarfCsam({ ...input, url: '/relative.jpg' })).toThrow(ValidationError);
  });
});

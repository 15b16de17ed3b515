import { buildXarfCsam, type NoticeItem, type XarfCsamReport } from '../src';

export const HOTLINE = { name: 'Test Hotline', email: 'notices@hotline.invalid', website: 'https://hotline.invalid', country: 'NL' };
const REPORTER = { org: 'Test Hotline', contact: 'notices@hotline.invalid', domain: 'hotline.invalid' };

export function xarfFor(url: string, n: number, ip: string | null = '192.0.2.10'): XarfCsamReport {
  return buildXarfCsam({
    reportId: `3f0e8a52-4a51-4f5e-9a43-6a0f1f8e2b1${n}`,
    timestamp: '2025-01-20T10:30:00.000Z',
    reporter: REPORTER,
    url,
    ip,
    classification: { verdict: 'baseline', industry: 'A1' },
    hashes: { sha256: String(n).repeat(64), md5: 'ab'.repeat(16) },
    detectionMethod: 'manual_review',
    mediaType: 'image',
  });
}

export function noticeItem(n: number, noticeNumber = 1): NoticeItem {
  const url = `https://img.example.com/gallery/${n}.jpg`;
  return {
    caseId: `case-${n}`,
    url,
    ip: '192.0.2.10',
    host: 'img.example.com',
    firstReportedAt: '2025-01-20T08:00:00.000Z',
    decidedAt: '2025-01-20T10:00:00.000Z',
    noticeNumber,
    xarf: xarfFor(url, n),
    classificationLabel: 'baseline (A1)',
  };
}

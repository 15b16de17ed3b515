import { extractImageUrls } from '../src';

const PAGE = 'https://host.example/gallery/page.html';
const extract = (html: string, max = 50) => extractImageUrls(html, PAGE, max);

describe('extractImageUrls', () => {
  it('resolves relative and absolute <img src> against the page URL', () => {
    expect(extract('<img src="a.png"><img src="/b.jpg"><img src="//cdn.example/c.gif"><img src="http://other.example/d.webp">')).toEqual([
      'https://host.example/gallery/a.png',
      'https://host.example/b.jpg',
      'https://cdn.example/c.gif',
      'http://other.example/d.webp',
    ]);
  });

  it('takes every candidate of an <img srcset>, including URLs with commas', () => {
    expect(extract('<img srcset="small.jpg 1x, large.jpg 2x,/x/huge.jpg 1200w, crop.jpg?rect=0,0,10,10 3x">')).toEqual([
      'https://host.example/gallery/small.jpg',
      'https://host.example/gallery/large.jpg',
      'https://host.example/x/huge.jpg',
      'https://host.example/gallery/crop.jpg?rect=0,0,10,10',
    ]);
  });

  it('takes <picture><source srcset> candidates and the fallback <img>', () => {
    const html = '<picture><source srcset="p.avif" type="image/avif"><source srcset="p.webp 1x, p2.webp 2x"><img src="p.jpg"></picture>';
    expect(extract(html)).toEqual(['p.avif', 'p.webp', 'p2.webp', 'p.jpg'].map((f) => `https://host.example/gallery/${f}`));
  });

  it('ignores <source> outside <picture> (video and audio sources are not images)', () => {
    expect(extract('<video><source srcset="v.mp4"></video>')).toEqual([]);
  });

  it('reads og:image, og:image:url and twitter:image meta tags', () => {
    const html = `<head>
      <meta property="og:image" content="https://host.example/og.png">
      <meta property="og:image:url" content="/og-url.png">
      <meta name="twitter:image" content="tw.jpg">
      <meta property="og:title" content="https://host.example/not-an-image.png">
    </head>`;
    expect(extract(html)).toEqual(['https://host.example/og.png', 'https://host.example/og-url.png', 'https://host.example/gallery/tw.jpg']);
  });

  it('takes links to image files but not links to pages', () => {
    const html = '<a href="full.JPEG">x</a><a href="/next.html">next</a><a href="scan.tiff?dl=1">t</a><a href="/photos/">dir</a>';
    expect(extract(html)).toEqual(['https://host.example/gallery/full.JPEG', 'https://host.example/gallery/scan.tiff?dl=1']);
  });

  it('respects <base href> for every URL in the document, even ones before it', () => {
    const html = '<img src="early.png"><base href="https://static.example/assets/"><img src="late.png"><base href="/ignored/">';
    expect(extract(html)).toEqual(['https://static.example/assets/early.png', 'https://static.example/assets/late.png']);
  });

  it('resolves a relative <base href> against the page URL', () => {
    expect(extract('<base href="/img/"><img src="a.png">')).toEqual(['https://host.example/img/a.png']);
  });

  it('ignores javascript:, data:, mailto: and other non-http URLs', () => {
    const html = `<a href="javascript:alert(1)//.png">x</a><img src="data:image/png;base64,AAAA">
      <img src="ftp://files.example/a.png"><a href="mailto:x@example.com?.jpg">m</a><img src="file:///etc/a.png"><img src="ok.png">`;
    expect(extract(html)).toEqual(['https://host.example/gallery/ok.png']);
  });

  it('dedupes while preserving first-seen order', () => {
    const html = '<img src="b.png"><img src="a.png"><a href="b.png">again</a><img src="/gallery/a.png"><meta property="og:image" content="b.png">';
    expect(extract(html)).toEqual(['https://host.example/gallery/b.png', 'https://host.example/gallery/a.png']);
  });

  it('caps the result at max', () => {
    const html = Array.from({ length: 20 }, (_, i) => `<img src="${i}.png">`).join('');
    expect(extract(html, 5)).toEqual([0, 1, 2, 3, 4].map((i) => `https://host.example/gallery/${i}.png`));
    expect(extract(html, 0)).toEqual([]);
  });

  it('decodes entities in attributes and tolerates broken markup', () => {
    expect(extract('<div><img src="a.png?x=1&amp;y=2"<img src=b.png><p>unclosed')).toContain('https://host.example/gallery/a.png?x=1&y=2');
    expect(extract('<img src="">text with <no tags')).toEqual([]);
  });
});

describe('extractImageUrls on hostile markup (item 1)', () => {
  const MB20 = 20 * 1024 * 1024;
  const fill = (unit: string, bytes = MB20) => unit.repeat(Math.ceil(bytes / unit.length));

  it('item 1: 20 MB of nested <b> is parsed without freezing and the images before and among it are found', () => {
    const html = `<img src="before.png">${fill('<b>', MB20 / 2)}<img src="among.png">${fill('<b>', MB20 / 2)}<a href="after.jpg">x</a>`;
    expect(extract(html)).toEqual(['before.png', 'among.png', 'after.jpg'].map((f) => `https://host.example/gallery/${f}`));
  });

  it('item 1: 20 MB of nested <table><tr><td> is handled', () => {
    const html = `<img src="t1.png">${fill('<table><tr><td>', MB20 / 2)}<img src="t2.png">${fill('<table><tr><td>', MB20 / 2)}`;
    expect(extract(html)).toEqual(['t1.png', 't2.png'].map((f) => `https://host.example/gallery/${f}`));
  });

  it('item 1: 20 MB of unclosed <picture> still takes <source srcset> inside them', () => {
    const html = `${fill('<picture>', MB20 / 2)}<source srcset="deep.webp 1x"><img src="deep.jpg">${fill('<picture><div>', MB20 / 2)}`;
    expect(extract(html)).toEqual(['deep.webp', 'deep.jpg'].map((f) => `https://host.example/gallery/${f}`));
  });

  it('item 1: a 20 MB attribute (with entities) does not hide the image next to it', () => {
    const html = `<img alt="${fill('a&amp;')}" src="huge-alt.png"><div title="${fill('x')}"></div><img src="next.png">`;
    expect(extract(html)).toEqual(['huge-alt.png', 'next.png'].map((f) => `https://host.example/gallery/${f}`));
  });
});

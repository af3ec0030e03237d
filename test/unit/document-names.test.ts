import { describe, expect, it } from 'vitest';
import { downloadName, extensionAgrees, extensionOf } from '#shared/domain/document.schema.ts';

describe('a document is named as the type it is (issue #15 item 7)', () => {
  it('reads the extension after the last dot, lower-cased', () => {
    expect(extensionOf('报告.PDF')).toBe('pdf');
    expect(extensionOf('report.pdf.html')).toBe('html');
    expect(extensionOf('README')).toBeUndefined();
    expect(extensionOf('.pdf')).toBeUndefined();
    expect(extensionOf('report.')).toBeUndefined();
  });

  it('agrees .jpg and .jpeg with image/jpeg, and nothing with an unknown type', () => {
    expect(extensionAgrees('scan.jpg', 'image/jpeg')).toBe(true);
    expect(extensionAgrees('scan.JPEG', 'image/jpeg')).toBe(true);
    expect(extensionAgrees('scan.png', 'image/jpeg')).toBe(false);
    expect(extensionAgrees('page.html', 'text/html')).toBe(false);
  });

  it("saves a download under the verified type's extension when the name says otherwise", () => {
    expect(downloadName('report.html', 'application/pdf')).toBe('report.pdf');
    expect(downloadName('报告', 'application/pdf')).toBe('报告.pdf');
    expect(downloadName('scan.jpeg', 'image/jpeg')).toBe('scan.jpeg');
    expect(downloadName('方案 "终稿".pdf', 'application/pdf')).toBe('方案 "终稿".pdf');
  });
});

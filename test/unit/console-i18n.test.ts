import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { descriptionZh, newObligation, OBLIGATIONS } from '#shared/domain/obligation.ts';
import { multiLine, singleLine } from '#shared/domain/text.ts';
import { fieldErrors } from '../../console/src/components/zod-issues.ts';
import { parseYuan, yuan, yuanInput } from '../../console/src/i18n/format.ts';
import { articleZh, chineseNumeral } from '../../console/src/i18n/numerals.ts';
import { pathZh } from '../../console/src/i18n/phases-zh.ts';
import { DOCUMENT_KINDS_ZH, label, rejectionReasonZh, STAGES_ZH } from '../../console/src/i18n/zh.ts';

describe('Chinese numerals for articles', () => {
  it.each([
    [1, '一'],
    [7, '七'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [35, '三十五'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1001, '一千零一'],
    [2024, '二千零二十四'],
  ])('%i is %s', (n, text) => {
    expect(chineseNumeral(n)).toBe(text);
  });

  it('cites an article as 第N条', () => {
    expect(articleZh(12)).toBe('第十二条');
    expect(articleZh(35)).toBe('第三十五条');
  });
});

describe('money in yuan, integer fen underneath', () => {
  it('formats fen exactly, with thousands separators', () => {
    expect(yuan(58_000_000)).toBe('580,000.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(null)).toBe('—');
  });

  it('reads what a person types without floating point', () => {
    expect(parseYuan('580000')).toBe(58_000_000);
    expect(parseYuan('580,000.5')).toBe(58_000_050);
    expect(parseYuan('0.29')).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('')).toBeNull();
    expect(yuanInput(58_000_050)).toBe('580000.50');
  });
});

describe('labels', () => {
  it('falls back to the value for a stage the console does not know yet', () => {
    expect(label(STAGES_ZH, 'approved')).toBe('已批复');
    expect(label(STAGES_ZH, 'some-later-stage')).toBe('some-later-stage');
  });

  it("says the verifier's reasons in Chinese", () => {
    expect(rejectionReasonZh('size 10 bytes, declared 12')).toBe('文件大小 10 字节，与申报的 12 字节不符');
    expect(rejectionReasonZh('content is unrecognised, declared application/pdf')).toContain('无法识别');
    expect(rejectionReasonZh('something new')).toBe('something new');
  });
});

describe('field messages from the shared schemas', () => {
  const form = z.object({ name: singleLine(20), opinion: multiLine(200) });

  it('words each text fault of the shared builders in Chinese, from the reason the schema carries', () => {
    const blank = form.safeParse({ name: '  ', opinion: 'a\u202eb' });
    expect(blank.success).toBe(false);
    expect(fieldErrors(blank.error as z.ZodError)).toEqual({ name: '必填', opinion: '含有改变文字方向的控制字符' });
    const broken = form.safeParse({ name: '第一行\n第二行', opinion: 'ok' });
    expect(fieldErrors(broken.error as z.ZodError)).toEqual({ name: '只能填写一行' });
  });
});

describe('duty descriptions on a Chinese page', () => {
  const duty = (detail?: string) =>
    newObligation({
      project: { id: 'p1', ownerDeptId: 'jiaoyu' },
      code: 'ART20-BASELINE',
      key: 'm1',
      basis: { from: '2026-11-28', amount: 30, unit: 'days' },
      due: { dueDate: '2027-03-01', provisional: false },
      ...(detail ? { detail } : {}),
      at: '2026-11-28T00:00:00.000Z',
    });

  it('leaves out the English the stored description carries, keeping what the duty is about', () => {
    const stored = duty('需求分析');
    expect(stored.description).toMatch(/\(.+\)$/);
    expect(descriptionZh(stored)).toBe(`${OBLIGATIONS['ART20-BASELINE']?.zh}：需求分析`);
  });

  it('shows a description it does not recognise as it is', () => {
    expect(descriptionZh({ code: 'ART20-BASELINE', description: 'written by hand (legacy)' })).toBe(
      'written by hand (legacy)',
    );
  });
});

describe('where a refusal points, in Chinese', () => {
  it('names a missing paper by its Chinese name, and a nested field part by part', () => {
    expect(pathZh('documents.expert-opinion')).toBe(`申报材料 · ${DOCUMENT_KINDS_ZH['expert-opinion']}`);
    expect(pathZh('vendor.qualifications.0.kind')).toBe('中标单位 · 资质 · 第1项 · 类型');
  });
});

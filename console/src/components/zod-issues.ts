import type { z } from 'zod';
import type { TextFault } from '#shared/domain/text.ts';

/** The shared text builders' reasons (shared/domain/text.ts), in Chinese. */
const TEXT_FAULTS_ZH: Record<TextFault, string> = {
  empty: '必填',
  'line-break': '只能填写一行',
  'control-character': '含有不可见的控制字符',
  'bidi-control': '含有改变文字方向的控制字符',
  'not-unicode': '含有无效字符',
  noncharacter: '含有无效字符',
  'tag-character': '含有不可见的标签字符',
};

const isEmpty = (issue: z.core.$ZodIssue) => 'input' in issue && issue.input === undefined;

/** A zod issue as a short Chinese message (the field's name is beside it on the form). */
const issueZh = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? '必填' : '数值过小';
    case 'too_big':
      return issue.origin === 'string' ? '内容过长' : '超出范围';
    // A form that parses with `reportInput` says which were left empty.
    case 'invalid_type':
      return isEmpty(issue) ? '必填' : '必填或格式不正确';
    case 'invalid_value':
      return isEmpty(issue) ? '请选择' : '请选择列出的选项';
    case 'invalid_format':
      return '格式不正确';
    case 'custom': {
      // A shared schema's own refinement says in `params` why, as a text fault or in Chinese.
      const params = issue.params as { reason?: TextFault; zh?: string } | undefined;
      if (params?.reason) return TEXT_FAULTS_ZH[params.reason];
      return params?.zh ?? '不符合要求';
    }
    default:
      return '不符合要求';
  }
};

/** The schema's verdict on a body, as field path → Chinese message (the first issue per field). */
export const fieldErrors = (error: z.ZodError): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'form';
    errors[path] ??= issueZh(issue);
  }
  return errors;
};

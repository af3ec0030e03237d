import * as z from 'zod';
import { RULES, type RuleCode } from './rules/catalog.ts';

export const ViolationSchema = z.object({
  code: z.string(),
  article: z.number().int().optional(),
  message: z.string(),
  messageZh: z.string().optional(),
  path: z.string().optional(),
});
export type Violation = z.infer<typeof ViolationSchema>;

/**
 * A violation of a rule, with the article and both messages from the catalogue; `detail` (and
 * `detailZh`, where the rule's own words would mislead the reader) says what exactly failed.
 */
export const violation = (code: RuleCode, path?: string, detail?: string, detailZh?: string): Violation => {
  const rule = RULES[code];
  return {
    code,
    article: rule.article,
    message: detail ? `${rule.message} ${detail}` : rule.message,
    messageZh: detailZh ? `${rule.messageZh}${detailZh}` : rule.messageZh,
    ...(path === undefined ? {} : { path }),
  };
};

import type { PublicProject } from '#shared/domain/public-register.ts';
import { stageNameZh } from '#shared/domain/stages.ts';
import { fenToYuanText } from '../reports/register-columns.ts';
import type { PublicRegisterPage } from './public-register.ts';

/** The authority of the feed's tag: URIs (RFC 4151), the same domain the problem types are named under. */
const TAG_AUTHORITY = 'lingchuan-data.example';

/** What XML 1.0 can carry at all: tab, line ends, and from U+0020 on but the surrogates, U+FFFE and U+FFFF. */
const xmlChar = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff)
  );
};

/**
 * Text as XML 1.0 character data: what XML cannot carry dropped (a lone surrogate is one code
 * point of its own here), and the five markup characters escaped, so a name typed by a department
 * can never break the feed or put an element into it.
 */
export const xmlText = (text: string): string =>
  [...text]
    .filter(xmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** A day in Asia/Shanghai as an RFC 3339 instant (its midnight there). */
const dayStart = (date: string) => `${date}T00:00:00+08:00`;

/** When a project last changed as the public sees it: its approval, its acceptance, its latest notice. */
const lastPublicDay = (project: PublicProject): string =>
  [project.approvedOn, project.acceptedOn ?? '', ...project.notices.map((n) => n.publishedOn)].sort().at(-1) ??
  project.approvedOn;

const summaryOf = (project: PublicProject): string =>
  [
    `建设单位：${project.departmentName}`,
    `阶段：${stageNameZh(project.stage)}`,
    `批复金额：${fenToYuanText(project.approvedBudgetFen)} 元`,
    `立项日期：${project.approvedOn}`,
    ...(project.acceptedOn ? [`验收日期：${project.acceptedOn}`] : []),
    ...project.notices.map((n) => `采购公告：${n.publishedOn}${n.url ? ` ${n.url}` : ''}`),
  ].join('；');

const entry = (project: PublicProject): string[] => [
  '  <entry>',
  `    <id>tag:${TAG_AUTHORITY},${project.approvedOn.slice(0, 4)}:project/${xmlText(project.code)}</id>`,
  `    <title>${xmlText(`${project.code} ${project.name}`)}</title>`,
  `    <updated>${dayStart(lastPublicDay(project))}</updated>`,
  `    <summary>${xmlText(summaryOf(project))}</summary>`,
  ...project.notices.flatMap((n) =>
    n.url ? [`    <link rel="related" title="采购公告" href="${xmlText(n.url)}"/>`] : [],
  ),
  '  </entry>',
];

/**
 * A page of the public register as an Atom 1.0 feed (RFC 4287), UTF-8 with the Chinese as it is:
 * one entry per project, dated by what the public last learnt of it; the next page linked as RFC
 * 5005 pages a feed. Deterministic (no clock), so an edge cache and a reader see the same bytes.
 */
export const registerAtom = (page: PublicRegisterPage, selfPath: string): Uint8Array => {
  const query = (cursor?: string) =>
    `${selfPath}?year=${page.year}${cursor ? `&amp;cursor=${encodeURIComponent(cursor)}` : ''}`;
  const updated = page.items.map(lastPublicDay).sort().at(-1) ?? `${page.year}-01-01`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>tag:${TAG_AUTHORITY},${page.year}:public-register/${page.year}</id>`,
    `  <title>${xmlText(`陵川县政务数据项目公开（${page.year}年批复）`)}</title>`,
    `  <updated>${dayStart(updated)}</updated>`,
    '  <author><name>陵川县政务数据项目管理</name></author>',
    `  <link rel="self" type="application/atom+xml" href="${query()}"/>`,
    ...(page.nextCursor ? [`  <link rel="next" type="application/atom+xml" href="${query(page.nextCursor)}"/>`] : []),
    ...page.items.flatMap(entry),
    '</feed>',
    '',
  ];
  return new TextEncoder().encode(lines.join('\n'));
};

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '#shared/domain/lifecycle.ts';
import { DEFAULT_POLICY, POLICY_CHOICES } from '#shared/domain/policy.ts';
import { STAGE_TABLE, STAGES } from '#shared/domain/stages.ts';

/**
 * The README is the door and docs/ the rooms behind it: these checks keep the links between them
 * working and the pictures of the domain (the lifecycle, the stages, the policy choices) drawn from
 * the rows they claim to show, so a change to the domain that the docs miss fails here, not in a
 * newcomer's head.
 */
const read = (file: string) => readFileSync(file, 'utf8');
const MARKDOWN = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks: a `#` comment in a shell example is not a heading. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's anchor for a heading: lower-cased, punctuation dropped (letters of any script kept), spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const headings = (text: string) =>
  [...prose(text).matchAll(/^(#{1,6})\s+(.+)$/gm)].map((m) => ({ level: m[1]?.length ?? 0, text: m[2] ?? '' }));

/** Anchors as GitHub numbers repeated headings: the second `## Figures` is `#figures-1`. */
const anchors = (text: string) => {
  const seen = new Map<string, number>();
  return new Set(
    headings(text).map(({ text: heading }) => {
      const base = slug(heading);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      return count === 0 ? base : `${base}-${count}`;
    }),
  );
};

const relativeLinks = (text: string) =>
  [...prose(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target));

/** The block of a Mermaid diagram whose first line is `kind`. */
const mermaid = (text: string, kind: string) => {
  const block = [...text.matchAll(/^```mermaid\n([\s\S]*?)^```/gm)]
    .map((m) => m[1] ?? '')
    .find((b) => b.trimStart().startsWith(kind));
  if (!block) throw new Error(`no ${kind} diagram`);
  return block;
};

/** A table's rows whose first cell is `` `key` ``, as cells. */
const tableRow = (text: string, key: string) =>
  text
    .split('\n')
    .find((line) => line.startsWith(`| \`${key}\` `))
    ?.split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

describe('the README opens the door', () => {
  const readme = read('README.md');

  it('stays short: at most 200 lines, the two commands first', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    const firstSection = readme.indexOf('\n## ', readme.indexOf('## Contents') + 1);
    expect(readme.slice(firstSection, firstSection + 300)).toMatch(/npm start[\s\S]*npm test/);
  });

  it('reaches every section from its table of contents', () => {
    const contents = new Set(
      relativeLinks(readme)
        .filter((t) => t.startsWith('#'))
        .map((t) => t.slice(1)),
    );
    const sections = headings(readme)
      .filter(({ level, text }) => level >= 2 && text !== 'Contents')
      .map(({ text }) => slug(text));
    expect(sections.length).toBeGreaterThan(5);
    expect(sections.filter((s) => !contents.has(s))).toEqual([]);
  });

  it('links the architecture and the benchmarks', () => {
    expect(relativeLinks(readme)).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/benchmarks.md']));
  });
});

describe('links between the README and docs/', () => {
  it.each(MARKDOWN)('every relative link in %s reaches a file and, if it names one, a heading', (file) => {
    const broken = relativeLinks(read(file)).filter((target) => {
      const [pathPart = '', anchor] = target.split('#');
      const resolved = pathPart === '' ? file : path.join(path.dirname(file), decodeURI(pathPart));
      if (!existsSync(resolved)) return true;
      return anchor !== undefined && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});

describe('docs/architecture.md draws the domain as it is', () => {
  const architecture = read('docs/architecture.md');

  it('draws every move of ACTIONS in the lifecycle diagram, and no other', () => {
    const stateId = (stage: string) => stage.replaceAll('-', '_');
    const rows: Record<string, { from: readonly string[]; to?: string }> = ACTIONS;
    const moves = Object.entries(rows).flatMap(([action, { from, to }]) =>
      to === undefined
        ? []
        : from.filter((stage) => stage !== to).map((stage) => `${stateId(stage)} --> ${stateId(to)}: ${action}`),
    );
    const drawn = mermaid(architecture, 'stateDiagram-v2')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes('-->') && !line.includes('[*]'));
    expect(drawn.sort()).toEqual(moves.sort());
  });

  it('names every stage in the diagram and the table with its Chinese name and funding', () => {
    const diagram = mermaid(architecture, 'stateDiagram-v2');
    for (const stage of STAGES) {
      const row = STAGE_TABLE[stage];
      expect(diagram).toContain(`${stage.replaceAll('-', '_')}: ${stage} ${row.zh}`);
      expect(tableRow(architecture, stage)?.slice(0, 3)).toEqual([`\`${stage}\``, row.zh, `\`${row.funding}\``]);
    }
  });

  it('lists every policy choice with the article that leaves its period open and its default', () => {
    for (const [setting, choice] of Object.entries(POLICY_CHOICES)) {
      const row = tableRow(architecture, setting);
      expect(row, setting).toBeDefined();
      expect(row?.[1]).toContain(String(DEFAULT_POLICY[setting as keyof typeof DEFAULT_POLICY]));
      expect(row?.[2]).toBe(`article ${choice?.article}`);
    }
    expect(architecture).toMatch(/`confirmationWorkingDays`[^\n]*article 4/);
    expect(architecture).toMatch(/`drillWindowMonths`[^\n]*article 24/);
  });
});

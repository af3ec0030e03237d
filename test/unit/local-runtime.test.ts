import { describe, expect, it } from 'vitest';
import { readLocalModel } from '#infra/local/local-model.ts';
import { nextDailyRun } from '#infra/local/schedules.ts';

const names = { region: 'cn-north-1', parameters: {} };

describe('the local runtime reads the synthesized template', () => {
  it('stops at a resource it cannot emulate, naming it', () => {
    const template = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: {} } } };
    expect(() => readLocalModel(template, names)).toThrow(/cannot emulate[\s\S]*Queue \(AWS::SQS::Queue\)/);
  });

  it('refuses a function it has no source for', () => {
    const template = { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: {} } } };
    expect(() => readLocalModel(template, names)).toThrow(/Fn \(AWS::Lambda::Function without/);
  });

  it('fires the nightly sweep at 02:00 Asia/Shanghai (18:00 UTC)', () => {
    const schedule = { expression: 'cron(0 2 * * ? *)', timezone: 'Asia/Shanghai' };
    expect(nextDailyRun(schedule, new Date('2026-11-25T10:00:00Z')).toISOString()).toBe('2026-11-25T18:00:00.000Z');
    expect(nextDailyRun(schedule, new Date('2026-11-25T18:00:00Z')).toISOString()).toBe('2026-11-26T18:00:00.000Z');
    expect(() => nextDailyRun({ expression: 'rate(5 minutes)', timezone: 'UTC' }, new Date())).toThrow(/daily cron/);
  });
});

import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { approvalDefinition } from '#infra/workflows/approval.asl.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';

const definition = () => {
  // The substitutions CloudFormation makes at deploy time.
  const text = JSON.stringify(approvalDefinition({ reviewTimeoutSeconds: DEFAULT_POLICY.reviewTimeoutSeconds }))
    .replaceAll('${ApprovalStepArn}', 'arn:aws-cn:lambda:cn-north-1:123456789012:function:ApprovalStep')
    .replaceAll('${Partition}', 'aws-cn');
  return JSON.parse(text) as { States: Record<string, Record<string, unknown>> };
};

describe('the approval state machine (ASL)', () => {
  it('validates with asl-validator', () => {
    const { isValid, errorsText } = aslValidator(definition());
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('repeats no threshold (ART14-FINANCE-REVIEW) and reads no $$.State', () => {
    const text = JSON.stringify(definition());
    expect(text).not.toMatch(/60000000|600000/);
    expect(text).not.toContain('$$.State');
  });

  it('gives every task a catch, and every human review a timeout that escalates', () => {
    const states: [string, Record<string, unknown>][] = [];
    const collect = (s: Record<string, Record<string, unknown>>) => {
      for (const [name, state] of Object.entries(s)) {
        states.push([name, state]);
        for (const branch of (state.Branches as { States: Record<string, Record<string, unknown>> }[] | undefined) ??
          []) {
          collect(branch.States);
        }
      }
    };
    collect(definition().States);
    const tasks = states.filter(([, s]) => s.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(5);
    for (const [name, task] of tasks) {
      expect(task.Catch, name).toBeDefined();
      expect(task.TimeoutSeconds, name).toBeGreaterThan(0);
    }
    const reviews = tasks.filter(([, s]) => String(s.Resource).endsWith('.waitForTaskToken'));
    expect(reviews.map(([name]) => name).sort()).toEqual(['FinanceReview', 'ProjectApproval', 'TechReview']);
    for (const [name, review] of reviews) {
      expect(review.TimeoutSeconds).toBe(DEFAULT_POLICY.reviewTimeoutSeconds);
      expect((review.Catch as { ErrorEquals: string[]; Next: string }[])[0]).toEqual(
        expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: `${name}Escalate` }),
      );
    }
  });

  it('ends a review escalated too often in RecordFailure rather than at the one-year execution limit', () => {
    const { States } = definition();
    const escalated = States.TechReviewEscalated as { Choices: { Variable: string; Next: string }[] };
    expect(escalated.Choices).toContainEqual({
      Variable: '$.decisions.TechReview.exhausted',
      IsPresent: true,
      Next: 'TechReviewExhausted',
    });
    expect(States.TechReviewExhausted).toMatchObject({ Type: 'Pass', ResultPath: '$.failure', Next: 'RecordFailure' });
  });
});

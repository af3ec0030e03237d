import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { reviewWorkflowDefinition } from '#infra/workflows/review-workflow.asl.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { WORKFLOW_KINDS, type WorkflowKind } from '#shared/domain/review-catalogue.ts';

const definition = (workflow: WorkflowKind = 'approval') => {
  // The substitutions CloudFormation makes at deploy time.
  const text = JSON.stringify(
    reviewWorkflowDefinition(workflow, { reviewTimeoutSeconds: DEFAULT_POLICY.reviewTimeoutSeconds }),
  )
    .replaceAll('${StepArn}', 'arn:aws-cn:lambda:cn-north-1:123456789012:function:ReviewStep')
    .replaceAll('${Partition}', 'aws-cn');
  return JSON.parse(text) as { States: Record<string, Record<string, unknown>> };
};

describe('the review state machines (ASL), built from the workflow catalogue', () => {
  it.each(WORKFLOW_KINDS)('validates the %s machine with asl-validator', (workflow) => {
    const { isValid, errorsText } = aslValidator(definition(workflow));
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('waits on the technical and DRC acceptance in the acceptance machine (ART27-ACCEPTANCE-ORDER)', () => {
    const { States } = definition('acceptance');
    expect(Object.keys(States)).toContain('TechAcceptance');
    const parallel = States.ParallelReviews as { Branches: { StartAt: string }[] };
    expect(parallel.Branches.map((b) => b.StartAt)).toEqual(['CompletionAcceptanceApplies']);
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

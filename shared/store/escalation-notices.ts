import { PublishCommand } from '@aws-sdk/client-sns';
import type { EscalationNotice, EscalationNotices } from '#shared/use-cases/ports.ts';
import { topicClient } from './topic-client.ts';

export type { EscalationNotice };

/**
 * The escalation topic: the heads of the reviewing bureaus subscribe (e-mail, SMS, the portal's
 * own endpoint) and act on a review that waited past its time. The message is bilingual, for
 * people, with the facts as JSON for machines; attributes let a subscription filter by role.
 */
export const escalationNotices = (topicArn: string | undefined) => ({
  async announce(notice: EscalationNotice): Promise<void> {
    if (!topicArn) throw new Error('This function has no escalation topic to announce to.');
    if (notice.reason === 'opened') {
      await topicClient.send(new PublishCommand(openedMessage(topicArn, notice)));
      return;
    }
    await topicClient.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: `Review overdue: ${notice.projectCode} (${notice.code})`,
        Message: [
          `项目 ${notice.projectCode}「${notice.projectName}」的审查已超期（${notice.code}，第${notice.article}条），` +
            `应于 ${notice.dueDate} 前完成；第 ${notice.escalation} 次督办，已重新派发给 ${notice.role}。`,
          `The review of ${notice.projectCode} is overdue (${notice.code}, article ${notice.article}), due ` +
            `${notice.dueDate}; escalation ${notice.escalation}, re-opened for ${notice.role}.`,
          JSON.stringify(notice),
        ].join('\n\n'),
        MessageAttributes: {
          role: { DataType: 'String', StringValue: notice.role },
          code: { DataType: 'String', StringValue: notice.code },
        },
      }),
    );
  },
});
// The store is what its port asks for (the compiler holds the two together).
escalationNotices satisfies (topicArn: string | undefined) => EscalationNotices;

/** A task that must be looked at now: an emergency project started building and waits on the bureau's confirmation. */
const openedMessage = (topicArn: string, notice: EscalationNotice) => ({
  TopicArn: topicArn,
  Subject: `Confirmation needed now: ${notice.projectCode} (${notice.code})`,
  Message: [
    `项目 ${notice.projectCode}「${notice.projectName}」已作为紧急项目先行建设（${notice.code}，第${notice.article}条），` +
      `请 ${notice.role} 于 ${notice.dueDate} 前认定。`,
    `${notice.projectCode} started building as an emergency (${notice.code}, article ${notice.article}); ` +
      `${notice.role} confirms or denies it by ${notice.dueDate}.`,
    JSON.stringify(notice),
  ].join('\n\n'),
  MessageAttributes: {
    role: { DataType: 'String', StringValue: notice.role },
    code: { DataType: 'String', StringValue: notice.code },
  },
});

/** The `notices` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const notices = (env: { readonly ESCALATION_TOPIC_ARN?: string }) => escalationNotices(env.ESCALATION_TOPIC_ARN);

import { PublishCommand } from '@aws-sdk/client-sns';
import { NOTIFICATION_KINDS, type Notification } from '#shared/domain/reminders.ts';
import type { Digest, ReminderDigests } from '#shared/use-cases/ports.ts';
import { topicClient } from './topic-client.ts';

export type { Digest };

/**
 * At most this many are listed in one message: SNS takes 256 KB, and a department owing hundreds
 * of duties reads the rest in the notification centre, which keeps every one.
 */
export const LISTED_PER_DIGEST = 150;

const line = (n: Notification) => {
  const kind = NOTIFICATION_KINDS[n.kind];
  const what = n.taskId ?? `${n.projectId} ${n.code}${n.key ? ` ${n.key}` : ''}`;
  return { zh: `· ${what}：${kind.zh}（期限 ${n.dueDate}）`, en: `- ${what}: ${kind.en} (due ${n.dueDate})` };
};

/**
 * The morning's digests on the notification topic (the topic the escalations use): one message per
 * department (`deptId` attribute) or reviewing role (`role` attribute), so a subscription filters
 * on whose it is. Bilingual for people, the notifications as JSON for machines.
 */
export const reminderDigests = (topicArn: string | undefined) => ({
  async publish(digest: Digest): Promise<void> {
    if (!topicArn) throw new Error('This function has no notification topic to publish to.');
    const whose = 'department' in digest.audience ? digest.audience.department : digest.audience.role;
    const listed = digest.notifications.slice(0, LISTED_PER_DIGEST);
    const more = digest.notifications.length - listed.length;
    const lines = [
      ...listed.map(line),
      ...(more > 0 ? [{ zh: `…另有 ${more} 项，见通知中心`, en: `…and ${more} more in the notification centre` }] : []),
    ];
    await topicClient.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: `Reminders of ${digest.asOf}: ${digest.notifications.length} for ${whose}`,
        Message: [
          `${digest.asOf} 到期提醒（${whose}）：\n${lines.map((l) => l.zh).join('\n')}`,
          `Reminders of ${digest.asOf} (${whose}):\n${lines.map((l) => l.en).join('\n')}`,
          JSON.stringify({ asOf: digest.asOf, count: digest.notifications.length, notifications: listed }),
        ].join('\n\n'),
        MessageAttributes: {
          ...('department' in digest.audience
            ? { deptId: { DataType: 'String', StringValue: digest.audience.department } }
            : { role: { DataType: 'String', StringValue: digest.audience.role } }),
          kind: { DataType: 'String', StringValue: 'reminder-digest' },
          asOf: { DataType: 'String', StringValue: digest.asOf },
        },
      }),
    );
  },
});
// The store is what its port asks for (the compiler holds the two together).
reminderDigests satisfies (topicArn: string | undefined) => ReminderDigests;

/** The `digests` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const digests = (env: { readonly ESCALATION_TOPIC_ARN?: string }) => reminderDigests(env.ESCALATION_TOPIC_ARN);

import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { LocalTopic } from './local-model.ts';

export interface LocalNotice {
  readonly topicArn: string;
  readonly subject: string | undefined;
  readonly message: string;
  readonly attributes: Record<string, string>;
  readonly at: string;
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

const xmlError = (code: string, message: string) =>
  `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue` as the query protocol spells them. */
const attributesOf = (form: URLSearchParams): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    attributes[String(form.get(`MessageAttributes.entry.${n}.Name`))] = String(
      form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '',
    );
  }
  return attributes;
};

/**
 * The template's SNS topics on one machine: `Publish` (the AWS query protocol the SDK speaks)
 * to a known topic is kept, one JSON line per notice, in `<dataDir>/notifications.jsonl`, and
 * printed, so whoever runs `npm start` sees what the bureau heads would receive. Subscriptions
 * are AWS's business: locally the file is the subscriber.
 */
export const startSnsLocal = async (dataDir: string, topics: readonly LocalTopic[], port: number) => {
  const file = path.join(dataDir, 'notifications.jsonl');
  const known = new Set(topics.map((topic) => topic.arn));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const reply = (status: number, xml: string) => {
        res.writeHead(status, { 'content-type': 'text/xml' });
        res.end(xml);
      };
      if (form.get('Action') !== 'Publish') {
        return reply(400, xmlError('InvalidAction', `${form.get('Action')} is not emulated locally`));
      }
      const topicArn = String(form.get('TopicArn'));
      if (!known.has(topicArn)) return reply(404, xmlError('NotFound', 'Topic does not exist'));
      const notice: LocalNotice = {
        topicArn,
        subject: form.get('Subject') ?? undefined,
        message: String(form.get('Message') ?? ''),
        attributes: attributesOf(form),
        at: new Date().toISOString(),
      };
      appendFileSync(file, `${JSON.stringify(notice)}\n`);
      console.log(`[sns] ${topicArn.split(':').pop()}: ${notice.subject ?? notice.message.slice(0, 80)}`);
      reply(
        200,
        `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    server,
    endpoint: `http://127.0.0.1:${port}`,
    /** Every notice published so far, this run and earlier ones. */
    published: (): LocalNotice[] =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as LocalNotice)
        : [],
  };
};

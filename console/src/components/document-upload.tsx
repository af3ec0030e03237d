import { useState } from 'preact/hooks';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { DocumentRequestSchema } from '#shared/domain/document-rules.ts';
import type { Problem } from '#shared/http/problem.ts';
import { ApiError, api } from '../api/client.ts';
import { DOCUMENT_KINDS_ZH, DOCUMENT_STATUS_ZH, label, rejectionReasonZh } from '../i18n/zh.ts';
import { contentTypeOf } from '../upload/content-type.ts';
import { putObject } from '../upload/put-object.ts';
import { sha256Hex } from '../upload/sha256.ts';
import { ProblemList } from './problem-list.tsx';

type Step =
  | { at: 'idle' }
  | { at: 'hashing' | 'uploading'; done: number; total: number }
  | { at: 'verifying' }
  | { at: 'done'; document: ProjectDocument };

interface Upload {
  readonly document: ProjectDocument;
  readonly upload: { url: string; headers: Record<string, string> } | null;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the server has checked the arrived object (size, SHA-256, file type). */
const verdict = async (projectId: string, documentId: string): Promise<ProjectDocument> => {
  for (let i = 0; ; i++) {
    const document = await api.get<ProjectDocument>(`/v1/projects/${projectId}/documents/${documentId}`);
    if (document.status !== 'pending' || i > 240) return document;
    await wait(500);
  }
};

/**
 * One document, from the person's disk straight to S3: hash in the browser, declare it to the
 * API, PUT to the presigned URL with a progress bar, then watch it become verified or rejected.
 */
export const DocumentUpload = (props: {
  projectId: string;
  kinds: readonly string[];
  onUploaded: (document: ProjectDocument) => void;
  idPrefix?: string;
}) => {
  const id = props.idPrefix ?? 'upload';
  const [kind, setKind] = useState(props.kinds[0] ?? '');
  const [file, setFile] = useState<File>();
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const [problem, setProblem] = useState<Problem>();

  const start = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    if (!file) return setProblem(local('请选择要上传的文件'));
    const contentType = contentTypeOf(file);
    if (!contentType) return setProblem(local('仅支持 PDF、OFD、Word、Excel、PNG、JPEG、ZIP 文件'));
    // The API's own request schema, before hashing a file it would refuse (the hash is not known yet).
    const request = { kind, fileName: file.name, contentType, sizeBytes: file.size, sha256: '0'.repeat(64) };
    const refused = new Set(DocumentRequestSchema.safeParse(request).error?.issues.map((i) => String(i.path[0])));
    if (refused.has('sizeBytes')) return setProblem(local('文件为空，请选择有内容的文件'));
    if (refused.has('fileName')) return setProblem(local('文件名须为一行、不含路径符号，扩展名与文件类型一致'));
    try {
      setStep({ at: 'hashing', done: 0, total: file.size });
      const sha256 = await sha256Hex(file, (done, total) => setStep({ at: 'hashing', done, total }));
      const declared = await api.post<Upload>(
        `/v1/projects/${props.projectId}/documents`,
        { kind, fileName: file.name, contentType, sizeBytes: file.size, sha256 },
        { idempotent: true },
      );
      if (declared.upload) {
        setStep({ at: 'uploading', done: 0, total: file.size });
        await putObject(declared.upload, file, (done, total) => setStep({ at: 'uploading', done, total }));
      }
      setStep({ at: 'verifying' });
      const document = await verdict(props.projectId, declared.document.id);
      setStep({ at: 'done', document });
      props.onUploaded(document);
    } catch (error) {
      setStep({ at: 'idle' });
      setProblem(error instanceof ApiError ? error.problem : local(String((error as Error).message)));
    }
  };

  const busy = step.at === 'hashing' || step.at === 'uploading' || step.at === 'verifying';
  return (
    <form class="upload" onSubmit={start} aria-label="上传材料">
      <div class="row">
        <div class="field">
          <label for={`${id}-kind`}>材料类型</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {props.kinds.map((k) => (
              <option key={k} value={k}>
                {label(DOCUMENT_KINDS_ZH, k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-file`}>选择文件</label>
          <input id={`${id}-file`} type="file" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </div>
        <button type="submit" disabled={busy}>
          上传
        </button>
      </div>
      <Progress step={step} id={id} />
      <ProblemList problem={problem} />
    </form>
  );
};

const local = (message: string): Problem => ({ type: 'about:blank', title: message, status: 400, code: message });

const Progress = ({ step, id }: { step: Step; id: string }) => {
  if (step.at === 'idle') return null;
  if (step.at === 'verifying') return <p aria-live="polite">已上传，正在核验…</p>;
  if (step.at === 'done') {
    const { document } = step;
    return (
      <p aria-live="polite" class={`upload-result doc-${document.status}`}>
        {document.fileName}：{label(DOCUMENT_STATUS_ZH, document.status)}
        {document.rejectionReason ? `（${rejectionReasonZh(document.rejectionReason)}）` : ''}
      </p>
    );
  }
  const percent = step.total > 0 ? Math.round((step.done / step.total) * 100) : 100;
  const what = step.at === 'hashing' ? '计算校验值' : '上传中';
  return (
    <div class="progress">
      <label for={`${id}-progress`}>
        {what} {percent}%
      </label>
      <progress id={`${id}-progress`} max={100} value={percent} />
    </div>
  );
};

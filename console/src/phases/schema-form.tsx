import { useState } from 'preact/hooks';
import type * as z from 'zod';
import type { DocumentKind, ProjectDocument } from '#shared/domain/document.schema.ts';
import { CheckField, SelectField, TextField } from '../components/fields.tsx';
import { ProblemList } from '../components/problem-list.tsx';
import { fieldErrors } from '../components/zod-issues.ts';
import { fieldZh, PHASE_VALUES_ZH, pathZh } from '../i18n/phases-zh.ts';
import { DOCUMENT_KINDS_ZH, label } from '../i18n/zh.ts';
import { useAction } from '../use-action.ts';
import { bodyOf, type Draft, emptyDraft, type FieldSpec, fieldsOf, type NamedField } from './form-spec.ts';

type Path = readonly (string | number)[];

/** `draft` with the value at `path` replaced: drafts are never changed in place. */
const setAt = (draft: Draft, path: Path, value: Draft): Draft => {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(draft)) return draft.map((item, i) => (i === head ? setAt(item, rest, value) : item));
  const group = draft as Record<string, Draft>;
  return { ...group, [head as string]: setAt(group[head as string] ?? '', rest, value) };
};

interface Context {
  readonly formId: string;
  readonly errors: Record<string, string>;
  readonly documents: readonly ProjectDocument[];
  /** The document kinds each document field takes, by field name; any verified document when absent. */
  readonly documentKinds: Readonly<Record<string, readonly DocumentKind[]>>;
  /** Text fields to choose from a list (values on record), by field name. */
  readonly choices: Readonly<Record<string, readonly string[]>>;
  readonly set: (path: Path, value: Draft) => void;
}

const idOf = (formId: string, path: Path) => [formId, ...path].join('-');

const Field = (props: { field: NamedField; path: Path; value: Draft; context: Context }) => {
  const { field, path, value, context } = props;
  const id = idOf(context.formId, path);
  const error = context.errors[path.join('.')];
  const name = fieldZh(field.name);
  const set = (next: Draft) => context.set(path, next);
  return (
    <Input
      spec={field.spec}
      name={name}
      field={field}
      id={id}
      error={error}
      path={path}
      value={value}
      context={context}
      set={set}
    />
  );
};

const Input = (props: {
  spec: FieldSpec;
  name: string;
  field: NamedField;
  id: string;
  error: string | undefined;
  path: Path;
  value: Draft;
  context: Context;
  set: (next: Draft) => void;
}) => {
  const { spec, name, field, id, error, path, value, context, set } = props;
  const required = !field.optional && !field.nullable;
  // What every text-like input and select of this field shares.
  const own = { id, label: name, value: value as string, onValue: set, error, required };
  const choices = context.choices[field.name];
  if (spec.kind === 'text' && choices) {
    return (
      <SelectField
        {...own}
        options={[['', choices.length ? '（请选择）' : '（尚无可选项）'], ...choices.map((c) => [c, c] as const)]}
      />
    );
  }
  switch (spec.kind) {
    case 'text':
      return <TextField {...own} multiline={spec.multiline} type={spec.url ? 'url' : 'text'} />;
    case 'date':
      return <TextField {...own} type="date" />;
    case 'money':
      return <TextField {...own} label={`${name}（元）`} inputMode="decimal" />;
    case 'number':
      return (
        <TextField
          {...own}
          type="number"
          inputMode="numeric"
          {...(spec.min === null ? {} : { min: spec.min })}
          {...(spec.max === null ? {} : { max: spec.max })}
        />
      );
    case 'boolean':
      return <CheckField id={id} label={name} checked={value as boolean} onValue={set} error={error} />;
    case 'choice':
      return (
        <SelectField
          {...own}
          options={[['', '（请选择）'], ...spec.values.map((v) => [v, label(PHASE_VALUES_ZH, v)] as const)]}
        />
      );
    case 'document': {
      const kinds = context.documentKinds[field.name];
      const verified = context.documents.filter(
        (d) => d.status === 'verified' && (kinds === undefined || kinds.includes(d.kind)),
      );
      const wanted = kinds?.map((k) => label(DOCUMENT_KINDS_ZH, k)).join('或') ?? '文件';
      return (
        <SelectField
          {...own}
          options={[
            ['', verified.length ? '（请选择）' : `（请先在“材料”中上传${wanted}）`],
            ...verified.map((d) => [d.id, `${label(DOCUMENT_KINDS_ZH, d.kind)}：${d.fileName}`] as const),
          ]}
        />
      );
    }
    case 'group':
      return (
        <fieldset class="nested" id={id}>
          <legend>{name}</legend>
          {spec.fields.map((child) => (
            <Field
              key={child.name}
              field={child}
              path={[...path, child.name]}
              value={(value as Record<string, Draft>)[child.name] ?? emptyDraft(child.spec)}
              context={context}
            />
          ))}
          {error && <p class="error">{error}</p>}
        </fieldset>
      );
    case 'list': {
      const items = value as Draft[];
      const full = spec.max !== null && items.length >= spec.max;
      const itemField = { ...field, optional: false, nullable: false, spec: spec.item };
      return (
        <fieldset class="nested list" id={id}>
          <legend>{name}</legend>
          {items.map((item, i) => (
            <div class="list-item" key={i}>
              <Input
                spec={spec.item}
                name={`${name} 第${i + 1}项`}
                field={itemField}
                id={idOf(context.formId, [...path, i])}
                error={context.errors[[...path, i].join('.')]}
                path={[...path, i]}
                value={item}
                context={context}
                set={(next) => context.set([...path, i], next)}
              />
              {items.length > spec.min && (
                <button type="button" class="link" onClick={() => set(items.filter((_, j) => j !== i))}>
                  删除第{i + 1}项
                </button>
              )}
            </div>
          ))}
          <button type="button" disabled={full} onClick={() => set([...items, emptyDraft(spec.item)])}>
            添加{name}
          </button>
          {error && <p class="error">{error}</p>}
        </fieldset>
      );
    }
  }
};

/**
 * A form drawn from a request schema of the API (see form-spec.ts): the browser checks the body
 * with that same schema and names each field it refuses; what passes is sent, and the API's
 * refusal (every article still unmet) is listed under the form.
 */
export const SchemaForm = (props: {
  id: string;
  title: string;
  schema: z.ZodType;
  documents: readonly ProjectDocument[];
  documentKinds?: Readonly<Record<string, readonly DocumentKind[]>>;
  choices?: Readonly<Record<string, readonly string[]>>;
  submitLabel: string;
  onSubmit: (body: unknown) => Promise<void>;
}) => {
  const [fields] = useState(() => fieldsOf(props.schema));
  const root: FieldSpec = { kind: 'group', fields };
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(root));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { problem, busy, run } = useAction();
  const context: Context = {
    formId: props.id,
    errors,
    documents: props.documents,
    documentKinds: props.documentKinds ?? {},
    choices: props.choices ?? {},
    set: (path, value) => setDraft((d) => setAt(d, path, value)),
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const parsed = props.schema.safeParse(bodyOf(root, draft), { reportInput: true });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error));
    if (!parsed.success) return;
    const sent = await run(async () => {
      await props.onSubmit(parsed.data);
      return true;
    });
    if (sent) setDraft(emptyDraft(root));
  };

  // Refusals of the body as a whole (`form`), or of a field with no input of its own (a list too short).
  const drawn = new Set<string>();
  const collect = (spec: FieldSpec, path: string, value: Draft | undefined) => {
    drawn.add(path);
    const at = (name: string | number) => (path ? `${path}.${name}` : String(name));
    if (spec.kind === 'group')
      for (const f of spec.fields) collect(f.spec, at(f.name), (value as Record<string, Draft> | undefined)?.[f.name]);
    if (spec.kind === 'list')
      for (const [i, item] of ((value as Draft[] | undefined) ?? []).entries()) collect(spec.item, at(i), item);
  };
  for (const field of fields) collect(field.spec, field.name, (draft as Record<string, Draft>)[field.name]);
  const elsewhere = Object.entries(errors).filter(([path]) => !drawn.has(path));

  return (
    <form class="phase-form" aria-label={props.title} onSubmit={submit} noValidate>
      {fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          path={[field.name]}
          value={(draft as Record<string, Draft>)[field.name] ?? emptyDraft(field.spec)}
          context={context}
        />
      ))}
      {elsewhere.length > 0 && (
        <ul class="error">
          {elsewhere.map(([path, message]) => (
            <li key={path}>
              {path === 'form' ? '' : `${pathZh(path)}：`}
              {message}
            </li>
          ))}
        </ul>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {props.submitLabel}
      </button>
      <ProblemList problem={problem} />
    </form>
  );
};

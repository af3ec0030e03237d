import type { HTMLAttributes, TargetedEvent } from 'preact';

interface Common {
  readonly id: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string;
}

const describedBy = ({ id, error, hint }: Common) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

const Notes = ({ id, error, hint }: Common) => (
  <>
    {hint && (
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
    )}
    {error && (
      <p id={`${id}-error`} class="error">
        {error}
      </p>
    )}
  </>
);

/** A labelled text input or text area whose error and hint are announced with it. */
export const TextField = (
  props: Common & {
    value: string;
    onValue: (value: string) => void;
    multiline?: boolean;
    required?: boolean;
    inputMode?: HTMLAttributes['inputMode'];
    type?: 'text' | 'date' | 'url' | 'number';
    min?: number;
    max?: number;
  },
) => {
  const shared = {
    id: props.id,
    name: props.id,
    value: props.value,
    required: props.required,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy(props),
    onInput: (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => props.onValue(e.currentTarget.value),
  };
  return (
    <div class="field">
      <label for={props.id}>
        {props.label}
        {props.required && <span class="required">（必填）</span>}
      </label>
      {props.multiline ? (
        <textarea rows={3} {...shared} />
      ) : (
        <input
          // Preact types each input type with its own attributes; these four share the ones set here.
          type={(props.type ?? 'text') as 'text'}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          {...shared}
        />
      )}
      <Notes {...props} />
    </div>
  );
};

export const SelectField = (
  props: Common & {
    value: string;
    onValue: (value: string) => void;
    options: readonly (readonly [string, string])[];
    required?: boolean;
  },
) => (
  <div class="field">
    <label for={props.id}>
      {props.label}
      {props.required && <span class="required">（必填）</span>}
    </label>
    <select
      id={props.id}
      name={props.id}
      value={props.value}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={describedBy(props)}
      onChange={(e) => props.onValue(e.currentTarget.value)}
    >
      {props.options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
    <Notes {...props} />
  </div>
);

export const CheckField = (props: Common & { checked: boolean; onValue: (checked: boolean) => void }) => (
  <div class="field check">
    <input
      type="checkbox"
      id={props.id}
      name={props.id}
      checked={props.checked}
      aria-describedby={describedBy(props)}
      onChange={(e) => props.onValue(e.currentTarget.checked)}
    />
    <label for={props.id}>{props.label}</label>
    <Notes {...props} />
  </div>
);

import { useState, type FormEvent } from 'react';
import { isTyping, useKeys } from '../shortcuts';
import { AGE_GROUPS, CONTENT_TYPES, INDUSTRY_CLASSES, IWF_CATEGORIES, SITE_TYPES, VERDICTS, type Decision, type Verdict } from '../types';
import { HelpOverlay } from './help-overlay';

const VERDICT_LABELS: Record<Verdict, { label: string; key: string }> = {
  baseline: { label: 'Baseline', key: 'b' },
  national: { label: 'National', key: 'n' },
  not_illegal: { label: 'Not illegal', key: 'x' },
  not_reachable: { label: 'Not reachable', key: 'u' },
};
const KEY_TO_VERDICT: Record<string, Verdict> = { b: 'baseline', n: 'national', x: 'not_illegal', u: 'not_reachable' };
const KEY_TO_IWF: Record<string, Decision['iwfCategory']> = { '1': 'A', '2': 'B', '3': 'C' };
const ILLEGAL: Verdict[] = ['baseline', 'national'];

export type Draft = Partial<Decision>;

/** Everything but the verdict is optional; an empty select sends nothing for that field. */
function toDecision(d: Draft): Decision | null {
  if (!d.verdict) return null;
  const out: Decision = { verdict: d.verdict };
  for (const k of ['iwfCategory', 'industry', 'ageGroup', 'contentType', 'siteType'] as const) if (d[k]) Object.assign(out, { [k]: d[k] });
  if (d.note?.trim()) out.note = d.note.trim();
  return out;
}

/**
 * The classification of one item or of every item of a report. Each decision has a key (see SHORTCUTS), active
 * while focus is not in a text field; Enter submits.
 */
export function ClassificationForm({
  initial,
  busy,
  submitLabel = 'Submit decision',
  onSubmit,
}: {
  initial?: Draft | null;
  busy: boolean;
  submitLabel?: string;
  onSubmit: (d: Decision) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => ({ ...(initial ?? {}) }));
  const [help, setHelp] = useState(false);
  const set = (patch: Draft) => setDraft((d) => ({ ...d, ...patch }));

  const submit = () => {
    const d = toDecision(draft);
    if (d && !busy) onSubmit(d);
  };

  useKeys((e) => {
    if (e.key === 'Escape') return setHelp(false);
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '?') return setHelp((h) => !h);
    if (help) return;
    const verdict = KEY_TO_VERDICT[e.key];
    if (verdict) return set({ verdict });
    const iwf = KEY_TO_IWF[e.key];
    if (iwf) return set({ iwfCategory: iwf });
    // Enter on a focused button is that button's click, not a submit.
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      submit();
    }
  });

  const onFormSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };

  const illegal = draft.verdict ? ILLEGAL.includes(draft.verdict) : false;
  return (
    <form className="classify" onSubmit={onFormSubmit} aria-label="Classification" data-testid="classification-form">
      <fieldset>
        <legend>Verdict</legend>
        <div className="verdicts">
          {VERDICTS.map((v) => (
            <button
              key={v}
              type="button"
              className={draft.verdict === v ? 'verdict chosen' : 'verdict'}
              aria-pressed={draft.verdict === v}
              onClick={() => set({ verdict: v })}
              data-testid={`verdict-${v}`}
            >
              {VERDICT_LABELS[v].label} <kbd>{VERDICT_LABELS[v].key}</kbd>
            </button>
          ))}
        </div>
      </fieldset>
      <div className="fields">
        <Choice
          label="IWF category"
          value={draft.iwfCategory}
          options={IWF_CATEGORIES}
          hint="1/2/3"
          testId="iwf-category"
          onChange={(v) => set({ iwfCategory: v })}
        />
        <Choice label="Industry class" value={draft.industry} options={INDUSTRY_CLASSES} testId="industry" onChange={(v) => set({ industry: v })} />
        <Choice label="Age group" value={draft.ageGroup} options={AGE_GROUPS} testId="age-group" onChange={(v) => set({ ageGroup: v })} />
        <Choice label="Content type" value={draft.contentType} options={CONTENT_TYPES} testId="content-type" onChange={(v) => set({ contentType: v })} />
        <Choice label="Site type" value={draft.siteType} options={SITE_TYPES} testId="site-type" onChange={(v) => set({ siteType: v })} />
      </div>
      {illegal && !draft.iwfCategory && <p className="muted">An illegal verdict usually carries an IWF category (1/2/3).</p>}
      <label>
        Note
        <textarea value={draft.note ?? ''} maxLength={2000} rows={2} onChange={(e) => set({ note: e.target.value })} data-testid="decision-note" />
      </label>
      <div className="actions">
        <button type="submit" disabled={!draft.verdict || busy} data-testid="submit-decision">
          {submitLabel} <kbd>Enter</kbd>
        </button>
        <button type="button" className="link" onClick={() => setHelp(true)} data-testid="show-help">
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </form>
  );
}

function Choice<T extends string>({
  label,
  value,
  options,
  hint,
  testId,
  onChange,
}: {
  label: string;
  value: T | undefined;
  options: readonly T[];
  hint?: string;
  testId: string;
  onChange: (v: T | undefined) => void;
}) {
  return (
    <label>
      {label}
      {hint && <kbd className="hint">{hint}</kbd>}
      <select value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as T | undefined)} data-testid={testId}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </label>
  );
}

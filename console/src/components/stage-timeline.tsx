import { STAGES } from '#shared/domain/lifecycle.ts';
import { label, STAGES_ZH } from '../i18n/zh.ts';

/** Stages off the main track: a project is sent there and comes back (returned) or stops (rejected). */
const OFF_TRACK = new Set(['returned', 'rejected']);

/**
 * The project's place in its whole life, from the shared stage list: every stage the domain knows
 * is drawn, so the timeline grows as the lifecycle does.
 */
export const StageTimeline = ({ stage }: { stage: string }) => {
  const track = STAGES.filter((s) => !OFF_TRACK.has(s));
  const at = track.indexOf(stage as (typeof track)[number]);
  return (
    <div class="timeline-wrap">
      <ol class="timeline" aria-label="项目全生命周期">
        {track.map((s, i) => (
          <li
            key={s}
            class={i < at ? 'done' : i === at ? 'current' : 'todo'}
            aria-current={i === at ? 'step' : undefined}
          >
            <span class="dot" aria-hidden="true" />
            {label(STAGES_ZH, s)}
          </li>
        ))}
      </ol>
      {OFF_TRACK.has(stage) && (
        <p class={`badge stage-${stage}`} role="status">
          当前：{label(STAGES_ZH, stage)}
        </p>
      )}
    </div>
  );
};

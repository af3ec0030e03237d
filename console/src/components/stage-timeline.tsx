import { isOffTrack, STAGES, type Stage } from '#shared/domain/stages.ts';
import { label, STAGES_ZH } from '../i18n/zh.ts';

/** Stages off the main track (the stage table's column): a project is sent there and comes back, or stops. */
const offTrack = (stage: string) => (STAGES as readonly string[]).includes(stage) && isOffTrack(stage as Stage);

/**
 * The project's place in its whole life, from the shared stage list: every stage the domain knows
 * is drawn, so the timeline grows as the lifecycle does.
 */
export const StageTimeline = ({ stage }: { stage: string }) => {
  const track = STAGES.filter((s) => !isOffTrack(s));
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
      {offTrack(stage) && (
        <p class={`badge stage-${stage}`} role="status">
          当前：{label(STAGES_ZH, stage)}
        </p>
      )}
    </div>
  );
};

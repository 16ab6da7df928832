import type { BaseContext } from 'clipanion';

/** What every command receives (clipanion context), injectable by tests. */
export interface EpicContext extends BaseContext {
  readonly cwd: string;
  /** Whether stdin is a terminal: prompts are allowed only then. */
  readonly interactive: boolean;
}

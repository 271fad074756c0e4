import type { ReactNode } from 'react';
import type { PartMode } from './part-form.tsx';

/** What every part of the form takes: its saved value, how to save it, and what may change. */
export interface PartProps<T> {
  mode: PartMode;
  initial: T | undefined;
  save: (body: unknown) => Promise<void>;
  onSaved?: () => void;
  submitText?: string;
  extraActions?: ReactNode;
}

import type { ReactNode } from 'react';
import type { PartMode } from './part-form.tsx';

/** What every part of the form takes: its saved value (the API document's shape of it), how to save it, and what may change. */
export interface PartProps<T> {
  mode: PartMode;
  initial: T | undefined;
  save: (body: T) => Promise<void>;
  onSaved?: () => void;
  submitText?: string;
  extraActions?: ReactNode;
}

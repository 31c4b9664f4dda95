import { SecretField } from '../../components/secret-field';
import { t } from '../../strings';

interface Props {
  label: string;
  /** Whether the stored account of this kind already holds a value. */
  isSet: boolean;
  value: string;
  error: string | undefined;
  extraHint?: string;
  className?: string;
  onChange(value: string): void;
}

/** One of the provider's write-only secrets, with the WhatsApp screen's words for "set" and "keep". */
export function SecretInput({ isSet, extraHint, ...rest }: Props) {
  const s = t.whatsapp;
  return (
    <SecretField
      {...rest}
      isSet={isSet}
      state={isSet ? s.secretSet : s.secretUnset}
      hint={[extraHint, isSet ? s.secretKeepHint : s.secretNewHint].filter(Boolean).join(' ')}
    />
  );
}

// Shared form helpers: a dialog's submit with its busy state, the server's per-field problem shown
// on the fields it names, and the "please enter …" rule.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { message, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function showProblem(form: FormInstance, e: unknown) {
  if (!(e instanceof ApiError)) throw e;
  const fields = (e.problem.errors ?? []).map((x) => ({ name: x.field, errors: [x.message] }));
  if (fields.length) form.setFields(fields as never);
  else void message.error(e.problem.title);
}

// Runs action with the form's values; a problem from the server lands on the form.
export function useSubmit<T>(form: FormInstance, action: (values: T) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const submit = async (values: T) => {
    setBusy(true);
    try {
      await action(values);
    } catch (e) {
      showProblem(form, e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}

export function useRequired() {
  const { t } = useTranslation();
  return (field: string) => [{ required: true, message: t('login.required', { field }) }];
}

// Runs a one-click action: a problem from the server shows as a message, and the queries under
// `key` are refreshed either way.
export function useAction(key: readonly unknown[]) {
  const qc = useQueryClient();
  return async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      void message.error(e.problem.errors?.[0]?.message ?? e.problem.title);
    }
    await qc.invalidateQueries({ queryKey: [...key] });
  };
}

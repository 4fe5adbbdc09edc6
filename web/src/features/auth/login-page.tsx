import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { serverFieldErrors } from '@contract/form-errors';
import { isApiError } from '../../api/api-error';
import { isSessionLost, useLogin, useMe } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { safeNextPath } from '../../app/route-guards';
import { useErrorText } from '../../ui/error-text';
import { LanguageSwitch } from '../../ui/language-switch';

const FIELDS = ['email', 'password'] as const;
type TField = (typeof FIELDS)[number];

/**
 * The sign-in page: plain elements styled by app/shell.css, no antd, so that the first screen a
 * phone loads on a weak signal is React and this form only (antd loads after sign-in).
 */
export function LoginPage() {
  const { t } = useLocale();
  const me = useMe();
  const login = useLogin();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [values, setValues] = useState<Record<TField, string>>({ email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<TField, string>>>({});
  const next = safeNextPath(params.get('next'));

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  if (me.data) return <Navigate to={next} replace />;

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Partial<Record<TField, string>> = {};
    if (!values.email.trim()) missing.email = t('login.emailRequired');
    if (!values.password) missing.password = t('login.passwordRequired');
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    login.mutate(values, {
      onSuccess: () => navigate(next, { replace: true }),
      // Schema issues (too long, not an e-mail) on their fields; the rest shows above the form.
      onError: (err) => {
        const onFields = serverFieldErrors(isApiError(err) ? err.issues : []).filter((e) => FIELDS.includes(e.name[0] as TField));
        setErrors(Object.fromEntries(onFields.map((e) => [e.name[0], e.errors[0]])));
      },
    });
  }

  // Field-level problems are shown on the fields; the rest (wrong password, locked) above the form.
  const showAlert = login.isError && !(login.error as { issues?: unknown[] }).issues?.length;
  const field = (name: TField, type: string, autoComplete: string) => (
    <div className="fuwu-field">
      <label htmlFor={`login-${name}`}>{t(`login.${name}`)}</label>
      <input
        id={`login-${name}`}
        className="fuwu-input"
        type={type}
        autoComplete={autoComplete}
        value={values[name]}
        onChange={(e) => setValues({ ...values, [name]: e.target.value })}
        disabled={login.isPending}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `login-${name}-error` : undefined}
        data-testid={`login-${name}`}
        {...(name === 'email' && { inputMode: 'email' as const, autoFocus: true })}
      />
      {errors[name] && (
        <div id={`login-${name}-error`} className="fuwu-field-error" role="alert">
          {errors[name]}
        </div>
      )}
    </div>
  );

  return (
    <div className="fuwu-shell-page">
      <div className="fuwu-shell-top">
        <LanguageSwitch />
      </div>
      <div className="fuwu-shell-main">
        <main className="fuwu-panel">
          <h1>{t('app.name')}</h1>
          <div className="fuwu-tagline">{t('app.tagline')}</div>
          {isSessionLost() && !login.isError && (
            <div className="fuwu-message fuwu-message-info" role="status" data-testid="login-session-ended">
              {t('login.sessionEnded')}
            </div>
          )}
          {showAlert && (
            <div className="fuwu-message fuwu-message-error" role="alert" data-testid="login-error">
              {errorText(login.error)}
            </div>
          )}
          <form onSubmit={submit} noValidate>
            {field('email', 'email', 'username')}
            {field('password', 'password', 'current-password')}
            <button type="submit" className="fuwu-btn fuwu-btn-primary fuwu-btn-lg fuwu-btn-block" disabled={login.isPending} data-testid="login-submit">
              {login.isPending && <span className="fuwu-spinner" style={{ width: 14, height: 14, borderWidth: 2 }} />}
              {t('login.submit')}
            </button>
          </form>
        </main>
      </div>
    </div>
  );
}

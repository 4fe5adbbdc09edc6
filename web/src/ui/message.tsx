import type { MessageInstance } from 'antd/es/message/interface';
import { createContext, lazy, type ReactNode, Suspense, useCallback, useContext, useMemo, useRef, useState } from 'react';

type TKind = 'success' | 'error' | 'warning' | 'info';
/** antd's toasts (message), as the pages call them. */
export type TToasts = { [K in TKind]: (...args: Parameters<MessageInstance[K]>) => void };

const ToastContext = createContext<TToasts | null>(null);

// antd's message, in the theme's context, loads with the first toast: the frame and the engineer's
// pages draw without antd (ui/light-button.tsx), and most visits show no toast at all.
const ToastHost = lazy(() => import('./toast-host').then((m) => ({ default: m.ToastHost })));

/**
 * The toasts of the signed-in frame. Not antd's `App`, which brings the notification and modal
 * machinery too: the pages use toasts only. A toast asked for before antd has loaded waits for it.
 */
export function MessageProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState(false);
  const api = useRef<MessageInstance | null>(null);
  const waiting = useRef<((api: MessageInstance) => void)[]>([]);
  const toasts = useMemo<TToasts>(() => {
    const show = (call: (m: MessageInstance) => void) => {
      if (api.current) call(api.current);
      else {
        waiting.current.push(call);
        setWanted(true);
      }
    };
    return {
      success: (...args) => show((m) => void m.success(...args)),
      error: (...args) => show((m) => void m.error(...args)),
      warning: (...args) => show((m) => void m.warning(...args)),
      info: (...args) => show((m) => void m.info(...args)),
    };
  }, []);
  const ready = useCallback((m: MessageInstance) => {
    api.current = m;
    for (const call of waiting.current.splice(0)) call(m);
  }, []);
  return (
    <ToastContext.Provider value={toasts}>
      {children}
      {wanted && (
        <Suspense>
          <ToastHost onReady={ready} />
        </Suspense>
      )}
    </ToastContext.Provider>
  );
}

export function useMessage(): TToasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error('useMessage outside <MessageProvider>');
  return toasts;
}

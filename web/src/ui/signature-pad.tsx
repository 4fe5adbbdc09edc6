import { Button, Flex, Typography } from 'antd';
import SignaturePadLib from 'signature_pad';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../app/locale-context';

/**
 * A signature drawn with a finger, a pen or the mouse (signature_pad). `onChange` receives the
 * drawing as a PNG data URL after each stroke (what the API's `signature.image` takes), or null once
 * cleared. The canvas follows its box's width and the screen's pixel density, so a signature is
 * sharp on a phone; resizing clears it, as the strokes would no longer fit.
 */
export function SignaturePad({
  onChange,
  height = 180,
  testId = 'signature-pad',
}: {
  onChange: (pngDataUrl: string | null) => void;
  height?: number;
  testId?: string;
}) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadLib | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // Set once the pad listens and its canvas has taken the size it draws at (the observer's first
  // answer, after layout): a stroke before that may land nowhere or be cleared by the fitting.
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePadLib(canvas, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(0,0,0)' });
    padRef.current = pad;
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const width = canvas.offsetWidth;
      if (canvas.width === Math.round(width * ratio)) return;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      onChangeRef.current(null);
    };
    fit();
    const observer = new ResizeObserver(() => {
      fit();
      setReady(true);
    });
    observer.observe(canvas);
    const ended = () => onChangeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', ended);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', ended);
      pad.off();
      padRef.current = null;
    };
  }, [height]);

  return (
    <Flex vertical gap={6}>
      <canvas
        ref={canvasRef}
        data-testid={testId}
        data-ready={ready}
        style={{ width: '100%', height, border: '1px solid #d9d9d9', borderRadius: 6, touchAction: 'none', background: '#fff' }}
      />
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary">{t('signature.hint')}</Typography.Text>
        <Button
          data-testid={`${testId}-clear`}
          onClick={() => {
            padRef.current?.clear();
            onChange(null);
          }}
        >
          {t('signature.clear')}
        </Button>
      </Flex>
    </Flex>
  );
}

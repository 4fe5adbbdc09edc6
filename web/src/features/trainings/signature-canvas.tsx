import { Button, Flex } from 'antd';
import { useEffect, useRef } from 'react';
import { useT } from '../../app/locale-context';

/**
 * A signature drawn with a finger or the mouse, handed back as a PNG data URL (null when cleared).
 * Stand-in until the shared signature pad (ui/signature-pad.tsx) is in this branch.
 */
export function SignatureCanvas({ onChange, height = 160 }: { onChange: (png: string | null) => void; height?: number }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef(false);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = c.offsetWidth * ratio;
    c.height = height * ratio;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.2;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  }, [height]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    drawn.current = false;
    onChange(null);
  };

  return (
    <Flex vertical gap={4}>
      <canvas
        ref={canvas}
        aria-label={t('trainings.signHere')}
        data-testid="signature-canvas"
        style={{ width: '100%', height, border: '1px dashed #999', borderRadius: 6, touchAction: 'none', background: '#fff' }}
        onPointerDown={(e) => {
          const ctx = e.currentTarget.getContext('2d');
          if (!ctx) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const p = point(e);
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d');
          const p = point(e);
          ctx?.lineTo(p.x, p.y);
          ctx?.stroke();
          drawn.current = true;
        }}
        onPointerUp={(e) => {
          drawing.current = false;
          if (drawn.current) onChange(e.currentTarget.toDataURL('image/png'));
        }}
      />
      <Flex justify="space-between">
        <span style={{ color: '#888' }}>{t('trainings.signHere')}</span>
        <Button size="small" onClick={clear}>
          {t('trainings.clearSignature')}
        </Button>
      </Flex>
    </Flex>
  );
}

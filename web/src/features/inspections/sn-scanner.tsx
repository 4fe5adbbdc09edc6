import { ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocale } from '../../app/locale-context';

/** The browser's barcode reader (Chrome on Android, Safari 17+ on iOS behind a flag); absent elsewhere. */
interface TBarcodeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type TBarcodeDetectorClass = new (options?: { formats?: string[] }) => TBarcodeDetector;

function detectorClass(): TBarcodeDetectorClass | null {
  const w = window as unknown as { BarcodeDetector?: TBarcodeDetectorClass };
  return typeof w.BarcodeDetector === 'function' ? w.BarcodeDetector : null;
}

/** Whether this browser can read barcodes and QR codes from the camera. */
export function canScanBarcodes(): boolean {
  return typeof window !== 'undefined' && detectorClass() !== null && !!navigator.mediaDevices?.getUserMedia;
}

const FORMATS = ['code_128', 'code_39', 'code_93', 'ean_13', 'ean_8', 'qr_code', 'data_matrix', 'pdf417', 'itf', 'upc_a'];

/**
 * A button that reads a SN from a barcode or QR code with the phone's rear camera, using the
 * browser's BarcodeDetector. Where the browser has none, the button is not shown: the SN field
 * next to it (typed or pasted) is the way in.
 */
export function SnScanButton({ onScan, testId }: { onScan: (value: string) => void; testId?: string }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  if (!canScanBarcodes()) return null;
  return (
    <>
      <Button icon={<ScanOutlined />} onClick={() => setOpen(true)} aria-label={t('insp.scan')} data-testid={testId}>
        {t('insp.scan')}
      </Button>
      {open && (
        <ScannerDialog
          onClose={() => setOpen(false)}
          onScan={(v) => {
            setOpen(false);
            onScan(v);
          }}
        />
      )}
    </>
  );
}

function ScannerDialog({ onClose, onScan }: { onClose: () => void; onScan: (value: string) => void }) {
  const { t } = useLocale();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const Detector = detectorClass();
    if (!Detector) return;
    const detector = new Detector({ formats: FORMATS });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        const value = found.map((f) => f.rawValue.trim()).find((v) => v.length > 0);
        if (value) {
          onScan(value);
          return;
        }
      } catch {
        // A frame the detector could not read: try the next one.
      }
      timer = setTimeout(tick, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => setError(t('insp.scanNoCamera')));
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onScan, t]);

  return (
    <Modal open title={t('insp.scan')} footer={null} onCancel={onClose} destroyOnHidden>
      {error ? (
        <Alert type="warning" showIcon title={error} />
      ) : (
        <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />
      )}
    </Modal>
  );
}

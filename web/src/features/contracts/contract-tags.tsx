import { Flex, Tag, Tooltip } from 'antd';
import { stageDef, type TContractStatus, type TServiceKind, type TStage } from '@contract/contracts';
import { SERVICE_KIND_COLORS, STATUS_COLORS, useLabels } from '../../ui/labels';

export function ServiceKindTags({ kinds }: { kinds: readonly TServiceKind[] }) {
  const labels = useLabels();
  return (
    <Flex gap={4} wrap>
      {kinds.map((k) => (
        <Tooltip key={k} title={labels.serviceKindScope(k)}>
          <Tag color={SERVICE_KIND_COLORS[k]} style={{ marginInlineEnd: 0 }} data-kind={k}>
            {labels.serviceKind(k)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}

export function StatusTag({ status }: { status: TContractStatus }) {
  const labels = useLabels();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}

/** `6 合同实施`: the stage with its number of nine (R-ORG-2). */
export function StageTag({ stage }: { stage: TStage }) {
  const labels = useLabels();
  return (
    <Tag color="processing" style={{ marginInlineEnd: 0 }} data-stage={stage}>
      {stageDef(stage).no}/9 {labels.stage(stage)}
    </Tag>
  );
}

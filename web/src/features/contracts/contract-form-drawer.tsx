import { Form, theme } from 'antd';
import { useEffect, useState } from 'react';
import {
  defaultRemoteOnly,
  SERVICE_KINDS,
  type TContractView,
  type TServiceKind,
  type TUpdateContract,
  ZCreateContract,
  ZUpdateContract,
} from '@contract/contracts';
import type { TCustomerRef } from '@contract/customers';
import { fenToYuan, yuanToFen } from '@contract/formats';
import { isApiError } from '../../api/api-error';
import { useCreateContract, useUpdateContract } from '../../api/contracts.hooks';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { fromDay, toDay, useDayjsLocale } from '../../ui/dates';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useNotify } from '../../ui/notify';
import { blankToNull, showErrorsOnFields, showZodIssuesOnFields } from '../../ui/zod-form';
import { BasicsSection } from './contract-form/basics-section';
import { CommitmentsSection } from './contract-form/commitments-section';
import { type ContractFormValues, commitmentsInput, commitmentValues, formPath, itemsInput } from './contract-form/contract-form-values';
import { ItemsSection } from './contract-form/items-section';

/**
 * Creates a contract (`contract` absent) or edits one. Priced items and the total exist in
 * this form only for `contracts.prices` (R-ORG-5); the service commitments (entitlement,
 * R-EMER-3) are edited here for everyone who may manage contracts.
 */
export function ContractFormDrawer({
  contract,
  initialCustomer,
  open,
  onClose,
  onSaved,
}: {
  contract?: TContractView;
  initialCustomer?: TCustomerRef;
  open: boolean;
  onClose: () => void;
  onSaved?: (contract: TContractView) => void;
}) {
  const { t } = useLocale();
  const title = contract ? t('contracts.editTitle', { number: contract.number }) : t('contracts.new');
  return (
    <FormDrawer open={open} onClose={onClose} title={title} width={800} testId="contract">
      <ContractForm contract={contract} initialCustomer={initialCustomer} onClose={onClose} onSaved={onSaved} />
    </FormDrawer>
  );
}

function ContractForm({
  contract,
  initialCustomer,
  onClose,
  onSaved,
}: {
  contract?: TContractView;
  initialCustomer?: TCustomerRef;
  onClose: () => void;
  onSaved?: (contract: TContractView) => void;
}) {
  const { t, locale } = useLocale();
  useDayjsLocale(locale);
  const me = useCurrentUser();
  const canSeePrices = useCan('contracts.prices');
  const [form] = Form.useForm<ContractFormValues>();
  const create = useCreateContract();
  const update = useUpdateContract();
  const notify = useNotify();
  const pending = create.isPending || update.isPending;
  const [remoteTouched, setRemoteTouched] = useState(false);
  const { token } = theme.useToken();

  const kinds = Form.useWatch('serviceKinds', form) ?? [];

  // R-SCOPE-2: pure distribution is remote-only by default, until the user decides otherwise.
  const kindsKey = kinds.join(',');
  useEffect(() => {
    if (remoteTouched || kindsKey === (contract?.serviceKinds.join(',') ?? '')) return;
    form.setFieldValue(['commitments', 'remoteOnly'], defaultRemoteOnly(kindsKey ? (kindsKey.split(',') as TServiceKind[]) : []));
  }, [kindsKey, remoteTouched, contract, form]);

  const holds = (role: 'sales' | 'commerce') => me.roles.includes(role);
  const initialValues: Partial<ContractFormValues> = contract
    ? {
        number: contract.number,
        customerId: contract.customer.id,
        serviceKinds: contract.serviceKinds,
        status: contract.status,
        signedAt: fromDay(contract.signedAt),
        startDate: fromDay(contract.startDate),
        endDate: fromDay(contract.endDate),
        salesOwnerId: contract.salesOwner?.id ?? null,
        commerceContactId: contract.commerceContact?.id ?? null,
        notes: contract.notes,
        totalAmount: contract.pricesVisible ? fenToYuan(contract.totalAmount) : null,
        items: contract.pricesVisible
          ? contract.items.map((i) => ({
              description: i.description,
              model: i.model,
              quantity: i.quantity,
              unitPrice: fenToYuan(i.unitPrice),
            }))
          : [],
        commitments: commitmentValues(contract.commitments),
      }
    : {
        customerId: initialCustomer?.id,
        serviceKinds: [],
        status: 'draft',
        stage: 'customer_demand',
        // Without the user list, whoever creates the contract owns their part of it.
        salesOwnerId: holds('sales') ? me.id : null,
        commerceContactId: holds('commerce') ? me.id : null,
        items: [],
        commitments: { coverage: '5x8', remoteOnly: false },
      };

  function onFailed(err: unknown) {
    if (isApiError(err) && err.code === 'VERSION_CONFLICT') {
      notify.error(err);
      onClose();
      return;
    }
    const placed = showErrorsOnFields(form, err, locale, {
      mapPath: formPath,
      codeToField: { CONTRACT_NUMBER_TAKEN: ['number'], CONTRACT_REMOTE_ONLY_ONSITE: ['commitments', 'remoteOnly'] },
    });
    if (!placed) notify.error(err);
  }

  function submit(v: ContractFormValues) {
    const serviceKinds = SERVICE_KINDS.filter((k) => v.serviceKinds.includes(k));
    const common = {
      customerId: v.customerId,
      serviceKinds,
      status: v.status,
      signedAt: toDay(v.signedAt),
      startDate: toDay(v.startDate),
      endDate: toDay(v.endDate),
      salesOwnerId: v.salesOwnerId ?? null,
      commerceContactId: v.commerceContactId ?? null,
      notes: blankToNull(v.notes),
    };
    const priced = canSeePrices ? { items: itemsInput(v.items ?? []), totalAmount: yuanToFen(v.totalAmount) ?? undefined } : {};

    if (!contract) {
      const number = blankToNull(v.number);
      const parsed = ZCreateContract.safeParse({
        ...common,
        ...(number && { number }),
        stage: v.stage,
        ...priced,
        commitments: commitmentsInput(v.commitments, remoteTouched),
      });
      if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t, formPath);
      create.mutate(parsed.data, {
        onSuccess: (created) => {
          notify.success(t('contracts.created', { number: created.number }));
          onSaved ? onSaved(created) : onClose();
        },
        onError: onFailed,
      });
      return;
    }

    // Only what changed is sent, so the audit trail shows the real edit.
    const patch: TUpdateContract = { version: contract.version };
    const number = blankToNull(v.number);
    if (number && number !== contract.number) patch.number = number;
    if (common.customerId !== undefined && common.customerId !== contract.customer.id) patch.customerId = common.customerId;
    if (serviceKinds.join() !== contract.serviceKinds.join()) patch.serviceKinds = serviceKinds;
    if (common.status !== contract.status) patch.status = common.status;
    if (common.signedAt !== contract.signedAt) patch.signedAt = common.signedAt;
    if (common.startDate !== contract.startDate) patch.startDate = common.startDate;
    if (common.endDate !== contract.endDate) patch.endDate = common.endDate;
    if (common.salesOwnerId !== (contract.salesOwner?.id ?? null)) patch.salesOwnerId = common.salesOwnerId;
    if (common.commerceContactId !== (contract.commerceContact?.id ?? null)) patch.commerceContactId = common.commerceContactId;
    if (common.notes !== contract.notes) patch.notes = common.notes;
    if (canSeePrices && contract.pricesVisible) {
      const before = contract.items.map((i) => ({
        description: i.description,
        model: i.model,
        quantity: i.quantity,
        unitPrice: i.unitPrice,
      }));
      if (JSON.stringify(priced.items) !== JSON.stringify(before)) patch.items = priced.items;
      const total = yuanToFen(v.totalAmount);
      if (total !== null && total !== contract.totalAmount) patch.totalAmount = total;
    }
    const commitments = commitmentsInput(v.commitments, remoteTouched);
    const original = commitmentsInput(commitmentValues(contract.commitments), remoteTouched);
    if (JSON.stringify(commitments) !== JSON.stringify(original)) patch.commitments = commitments;
    if (Object.keys(patch).length === 1) return onClose();

    const parsed = ZUpdateContract.safeParse(patch);
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t, formPath);
    update.mutate(
      { id: contract.id, patch: parsed.data },
      {
        onSuccess: (saved) => {
          notify.success(t('contracts.saved'));
          onSaved ? onSaved(saved) : onClose();
        },
        onError: onFailed,
      },
    );
  }

  return (
    <DrawerForm<ContractFormValues>
      form={form}
      initialValues={initialValues}
      onFinish={submit}
      pending={pending}
      stickyActions={{ position: 'sticky', bottom: 0, padding: '12px 0', background: token.colorBgElevated, zIndex: 2 }}
    >
      <BasicsSection contract={contract} initialCustomer={initialCustomer} />
      {canSeePrices && <ItemsSection />}
      <CommitmentsSection onRemoteOnlyChange={() => setRemoteTouched(true)} />
    </DrawerForm>
  );
}

import { useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { CustomFieldDefinition, Customer } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import {
  useCustomFields,
  useMakePrimaryPhoneMutation,
  useRemovePhoneMutation,
  useRevealPiiMutation,
  type RevealedPii,
  type RevealField,
} from '../../api/customers';
import { useAuth } from '../../app/auth-context';
import { customerPath } from '../../app/navigation';
import { DateTimeText } from '../../components/DateTimeText';
import { useOverlayState } from '../../components/useOverlayState';
import { useReportError } from '../../components/useReportError';
import { AddPhoneModal } from './AddPhoneModal';
import { CustomerTagList } from './CustomerTags';
import { maskIdNumber, maskPhone } from './pii-mask';
import { MAX_PHONES } from './phone-form';

function Dash() {
  return <Typography.Text type="secondary">-</Typography.Text>;
}

function orDash(value: ReactNode) {
  return value === null || value === undefined || value === '' ? <Dash /> : value;
}

/**
 * The organisation's own fields: every field in use, and archived ones only where this
 * customer has a value, marked as archived.
 */
function customFieldItems(customer: Customer, definitions: CustomFieldDefinition[], archivedMark: string) {
  return definitions
    .filter((definition) => !definition.archived || customer.customFields[definition.key] !== undefined)
    .map((definition) => ({
      key: `custom-${definition.key}`,
      label: definition.archived ? (
        <Flex gap={4} align="center" wrap>
          <Typography.Text type="secondary">{definition.label}</Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{archivedMark}</Tag>
        </Flex>
      ) : (
        definition.label
      ),
      children: <span data-testid={`customer-custom-${definition.key}`}>{orDash(customer.customFields[definition.key])}</span>,
    }));
}

/** "Show" for one kind of personal data: each click is a new request, and the server audits it. */
function RevealToggle({ field, revealed, onReveal, onHide }: { field: RevealField; revealed: boolean; onReveal: () => void; onHide: () => void }) {
  const { t } = useT();
  if (revealed) {
    return (
      <Button type="link" size="small" icon={<EyeInvisibleOutlined />} onClick={onHide} style={{ paddingInline: 0, alignSelf: 'flex-start' }}>
        {t('customers.pii.hide')}
      </Button>
    );
  }
  return (
    <Tooltip title={t('customers.pii.revealHelp')}>
      <Button type="link" size="small" icon={<EyeOutlined />} onClick={onReveal} style={{ paddingInline: 0, alignSelf: 'flex-start' }} data-testid={`customer-reveal-${field}`}>
        {t('customers.pii.reveal')}
      </Button>
    </Tooltip>
  );
}

/**
 * "Make primary" and "remove" for one number. They go by the number's id, so they work on
 * masked numbers too; `onChanged` runs with the customer as the server answered.
 */
function PhoneActions({
  customer,
  phone,
  index,
  onChanged,
}: {
  customer: Customer;
  phone: Customer['phones'][number];
  index: number;
  onChanged: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const makePrimary = useMakePrimaryPhoneMutation();
  const remove = useRemovePhoneMutation();
  const busy = makePrimary.isPending || remove.isPending;

  const promote = () =>
    makePrimary.mutate(
      { id: customer.id, phoneId: phone.id },
      {
        onSuccess: () => {
          void message.success(t('customers.phoneActions.madePrimary'));
          onChanged();
        },
        onError: (error) => reportError(error),
      },
    );
  const drop = () =>
    remove.mutate(
      { id: customer.id, phoneId: phone.id },
      {
        onSuccess: () => {
          void message.success(t('customers.phoneActions.removed'));
          onChanged();
        },
        onError: (error) => reportError(error),
      },
    );

  return (
    <Flex gap={4} align="center">
      {!phone.primary && (
        <Button type="link" size="small" loading={makePrimary.isPending} disabled={busy} onClick={promote} data-testid={`customer-phone-primary-${index}`}>
          {t('customers.phoneActions.makePrimary')}
        </Button>
      )}
      <Popconfirm
        title={t('customers.phoneActions.removeConfirm')}
        description={phone.primary && customer.phones.length > 1 ? t('customers.phoneActions.removePrimaryHint') : undefined}
        okText={t('customers.phoneActions.remove')}
        okButtonProps={{ danger: true }}
        onConfirm={drop}
      >
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          loading={remove.isPending}
          disabled={busy}
          aria-label={t('customers.removePhone')}
          data-testid={`customer-phone-remove-${index}`}
        />
      </Popconfirm>
    </Flex>
  );
}

export function CustomerDetailsCard({ customer }: { customer: Customer }) {
  const { t } = useT();
  const { can } = useAuth();
  const reveal = useRevealPiiMutation();
  const customFields = useCustomFields();
  const reportError = useReportError();
  const [revealed, setRevealed] = useState<RevealedPii>({});
  const mayReveal = can('pii.view') && customer.status !== 'erased';
  const mayChangePhones = can('customers.write') && customer.status === 'active';
  const phoneAdder = useOverlayState<void>();

  /** The ids of the numbers as they were when shown in clear: the revealed list has no ids of its own. */
  const [revealedPhoneIds, setRevealedPhoneIds] = useState('');
  const phoneIds = customer.phones.map((phone) => phone.id).join();

  const show = (field: RevealField) =>
    reveal.mutate(
      { id: customer.id, field },
      {
        onSuccess: (values) => {
          setRevealed((previous) => ({ ...previous, ...values }));
          if (field === 'phones') setRevealedPhoneIds(phoneIds);
        },
        onError: (error) => reportError(error),
      },
    );
  const hide = (field: RevealField) => setRevealed(({ [field]: _hidden, ...rest }) => rest);

  // Revealed numbers come back in the profile's order but without ids, so they are paired by position,
  // and only while the list is the one that was revealed.
  const revealedPhones = revealedPhoneIds === phoneIds && revealed.phones?.length === customer.phones.length ? revealed.phones : undefined;
  const phones = customer.phones.map((phone, index) => ({ ...phone, number: revealedPhones?.[index]?.number ?? maskPhone(phone.number) }));
  // Once the list changes, the numbers shown in clear are out of date: showing them again is a new, audited request.
  const phonesChanged = () => hide('phones');
  const idNumber = revealed.idNumber !== undefined ? revealed.idNumber : customer.idNumber && maskIdNumber(customer.idNumber);

  const addPhoneButton = mayChangePhones && customer.phones.length < MAX_PHONES && (
    <Button
      type="link"
      size="small"
      icon={<PlusOutlined />}
      onClick={() => phoneAdder.show()}
      style={{ paddingInline: 0, alignSelf: 'flex-start' }}
      data-testid="customer-phone-add"
    >
      {t('customers.phoneActions.add')}
    </Button>
  );

  const phoneList =
    phones.length === 0 ? (
      <Flex vertical gap={4}>
        <Dash />
        {addPhoneButton}
      </Flex>
    ) : (
      <Flex vertical gap={4} data-testid="customer-phones">
        {phones.map((phone, index) => (
          <Flex key={phone.id} gap={8} align="center" wrap>
            <Typography.Text className="kefu-code" style={{ fontSize: 14 }}>
              {phone.number}
            </Typography.Text>
            {phone.label && <Typography.Text type="secondary">{phone.label}</Typography.Text>}
            {phone.primary && phones.length > 1 && (
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t('customers.primaryPhone')}
              </Tag>
            )}
            {mayChangePhones && <PhoneActions customer={customer} phone={phone} index={index} onChanged={phonesChanged} />}
          </Flex>
        ))}
        <Flex gap={16} align="center" wrap>
          {mayReveal && <RevealToggle field="phones" revealed={revealedPhones !== undefined} onReveal={() => show('phones')} onHide={() => hide('phones')} />}
          {addPhoneButton}
        </Flex>
      </Flex>
    );

  const idNumberView = idNumber ? (
    <Flex gap={8} align="center" wrap>
      <Typography.Text className="kefu-code" style={{ fontSize: 14 }} data-testid="customer-id-number">
        {idNumber}
      </Typography.Text>
      {mayReveal && (
        <RevealToggle field="idNumber" revealed={revealed.idNumber !== undefined} onReveal={() => show('idNumber')} onHide={() => hide('idNumber')} />
      )}
    </Flex>
  ) : (
    <Dash />
  );

  const reference = (value: { id: number; name: string } | null) => (value ? <Link to={customerPath(value.id)}>{value.name}</Link> : <Dash />);

  return (
    <Card title={t('customers.profile.details')}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'phones', label: t('customers.fields.phones'), children: phoneList },
          { key: 'idNumber', label: t('customers.fields.idNumber'), children: idNumberView },
          { key: 'email', label: t('customers.fields.email'), children: orDash(customer.email) },
          { key: 'birthday', label: t('customers.fields.birthday'), children: orDash(customer.birthday) },
          { key: 'address', label: t('customers.fields.address'), span: 'filled', children: orDash(customer.address) },
          { key: 'segment', label: t('customers.fields.segment'), children: orDash(customer.segment) },
          { key: 'source', label: t('customers.fields.source'), children: orDash(customer.source) },
          { key: 'accountManager', label: t('customers.fields.accountManager'), children: orDash(customer.accountManager?.name) },
          { key: 'organization', label: t('customers.fields.organization'), children: reference(customer.organization) },
          ...(customer.type === 'personal' ? [{ key: 'family', label: t('customers.fields.family'), children: reference(customer.family) }] : []),
          {
            key: 'tags',
            label: t('customers.fields.tags'),
            span: 'filled' as const,
            children: <CustomerTagList tags={customer.tags} />,
          },
          {
            key: 'notes',
            label: t('customers.fields.notes'),
            span: 'filled' as const,
            children: customer.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{customer.notes}</Typography.Paragraph> : <Dash />,
          },
          ...customFieldItems(customer, customFields.data ?? [], t('customers.profile.archivedField')),
          { key: 'createdAt', label: t('customers.fields.createdAt'), children: <DateTimeText value={customer.createdAt} /> },
          { key: 'updatedAt', label: t('customers.fields.updatedAt'), children: <DateTimeText value={customer.updatedAt} /> },
        ]}
      />
      {mayChangePhones && (
        <AddPhoneModal key={`add-phone-${phoneAdder.key}`} open={phoneAdder.open} customer={customer} onClose={phoneAdder.hide} onAdded={phonesChanged} />
      )}
    </Card>
  );
}

/** Accounts: list, create, change role and province, reset a password, deactivate and reactivate. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ROLES, type Role } from '../../../../server/domain/types.ts';
import type { UserDto } from '../../api/client.ts';
import { mutations } from '../../api/mutations.ts';
import { queries } from '../../api/queries.ts';
import { useT } from '../../i18n/useT.ts';
import { LoadState, ProvinceOptions } from '../controls.tsx';
import { type Feedback, FeedbackLine, problemText } from './feedback.tsx';

// editors first: the accounts an admin makes most often
const ROLE_KEYS = [...ROLES].sort((a, b) => Number(b === 'editor') - Number(a === 'editor'));
type RoleKey = Role;

export function AccountsPanel({ me }: { me: number }) {
  const { t } = useT();
  const users = useQuery(queries.users());
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <div data-testid="admin-accounts">
      <FeedbackLine feedback={feedback} testId="accounts" />
      <LoadState loaded={users} testId="accounts-list">
        {(list) => (
          <div className="table-scroll">
            <table className="data-table" data-testid="accounts-table">
              <caption>{t('admin.accounts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.accounts.username')}</th>
                  <th scope="col">{t('admin.accounts.displayName')}</th>
                  <th scope="col">{t('admin.accounts.role')}</th>
                  <th scope="col">{t('admin.accounts.province')}</th>
                  <th scope="col">{t('admin.accounts.state')}</th>
                  <th scope="col">{t('admin.accounts.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <AccountRow key={u.id} user={u} isMe={u.id === me} onDone={setFeedback} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      <NewAccount onDone={setFeedback} />
    </div>
  );
}

function ProvinceSelect({
  value,
  onChange,
  disabled,
  testId,
}: {
  value: string;
  onChange: (code: string) => void;
  disabled: boolean;
  testId: string;
}) {
  const { t } = useT();
  const provinces = useQuery(queries.provinces());
  return (
    <select
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
      aria-label={t('admin.accounts.province')}
    >
      <option value="">{t('admin.accounts.noProvince')}</option>
      <ProvinceOptions provinces={provinces.data} />
    </select>
  );
}

function AccountRow({
  user,
  isMe,
  onDone,
}: {
  user: UserDto;
  isMe: boolean;
  onDone: (f: Feedback) => void;
}) {
  const { t, lang } = useT();
  const [role, setRole] = useState<RoleKey>(user.role);
  const [province, setProvince] = useState(user.provinceCode ?? '');
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const update = useMutation(mutations.updateUser());
  const id = `account-${user.username}`;
  const change = (patch: Parameters<typeof update.mutate>[0]['patch'], done: string) =>
    update.mutate(
      { id: user.id, patch },
      {
        onSuccess: () => {
          onDone({ kind: 'ok', text: t(done, { username: user.username }) });
          setResetting(false);
          setPassword('');
        },
        onError: (e) => onDone({ kind: 'error', text: problemText(e, lang) }),
      },
    );
  return (
    <tr data-testid={id}>
      <th scope="row">
        {user.username}
        {isMe ? t('admin.accounts.you') : ''}
      </th>
      <td>{user.displayName}</td>
      <td>
        <select
          value={role}
          onChange={(e) => setRole(e.target.value as RoleKey)}
          aria-label={t('admin.accounts.role')}
          data-testid={`${id}-role`}
        >
          {ROLE_KEYS.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <ProvinceSelect
          value={role === 'editor' ? province : ''}
          onChange={setProvince}
          disabled={role !== 'editor'}
          testId={`${id}-province`}
        />
      </td>
      <td data-testid={`${id}-state`}>
        {user.active ? t('admin.accounts.active') : t('admin.accounts.inactive')}
      </td>
      <td className="button-row">
        <button
          type="button"
          disabled={update.isPending}
          data-testid={`${id}-save`}
          onClick={() =>
            change(
              { role, provinceCode: role === 'editor' ? province || null : null },
              'admin.accounts.saved',
            )
          }
        >
          {t('admin.accounts.save')}
        </button>
        {resetting ? (
          <span>
            <label>
              <span className="sr-only">{t('admin.accounts.newPassword')}</span>
              <input
                type="password"
                autoComplete="new-password"
                value={password}
                placeholder={t('admin.accounts.newPassword')}
                onChange={(e) => setPassword(e.target.value)}
                data-testid={`${id}-password`}
              />
            </label>
            <button
              type="button"
              data-testid={`${id}-set-password`}
              onClick={() => change({ password }, 'admin.accounts.passwordReset')}
            >
              {t('admin.accounts.setPassword')}
            </button>
            <button type="button" onClick={() => setResetting(false)}>
              {t('admin.accounts.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" data-testid={`${id}-reset`} onClick={() => setResetting(true)}>
            {t('admin.accounts.resetPassword')}
          </button>
        )}
        <button
          type="button"
          className={user.active ? 'danger' : undefined}
          disabled={update.isPending}
          data-testid={`${id}-active`}
          onClick={() =>
            change(
              { active: !user.active },
              user.active ? 'admin.accounts.deactivated' : 'admin.accounts.reactivated',
            )
          }
        >
          {user.active ? t('admin.accounts.deactivate') : t('admin.accounts.reactivate')}
        </button>
      </td>
    </tr>
  );
}

function NewAccount({ onDone }: { onDone: (f: Feedback) => void }) {
  const { t, lang } = useT();
  const create = useMutation(mutations.createUser());
  const empty = {
    username: '',
    displayName: '',
    password: '',
    role: 'editor' as RoleKey,
    province: '',
  };
  const [form, setForm] = useState(empty);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        username: form.username,
        displayName: form.displayName,
        password: form.password,
        role: form.role,
        provinceCode: form.role === 'editor' ? form.province || null : null,
      },
      {
        onSuccess: (u) => {
          onDone({ kind: 'ok', text: t('admin.accounts.created', { username: u.username }) });
          setForm(empty);
        },
        onError: (err) => onDone({ kind: 'error', text: problemText(err, lang) }),
      },
    );
  };
  const field = (key: 'username' | 'displayName' | 'password', label: string, type = 'text') => (
    <label className="control">
      <span>{label}</span>
      <input
        type={type}
        value={form[key]}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        data-testid={`new-account-${key}`}
        required
      />
    </label>
  );
  return (
    <form onSubmit={submit} data-testid="new-account" className="admin-form">
      <h3>{t('admin.accounts.createHeading')}</h3>
      {field('username', t('admin.accounts.username'))}
      {field('displayName', t('admin.accounts.displayName'))}
      {field('password', t('admin.accounts.password'), 'password')}
      <small>{t('admin.accounts.passwordHint')}</small>
      <label className="control">
        <span>{t('admin.accounts.role')}</span>
        <select
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as RoleKey })}
          data-testid="new-account-role"
        >
          {ROLE_KEYS.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="control">
        <span>{t('admin.accounts.province')}</span>
        <ProvinceSelect
          value={form.role === 'editor' ? form.province : ''}
          onChange={(province) => setForm({ ...form, province })}
          disabled={form.role !== 'editor'}
          testId="new-account-province"
        />
      </div>
      <div className="button-row">
        <button
          type="submit"
          className="primary"
          disabled={create.isPending}
          data-testid="new-account-submit"
        >
          {t('admin.accounts.create')}
        </button>
      </div>
    </form>
  );
}

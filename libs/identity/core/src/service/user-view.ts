import { UserView } from '@foodcourt/identity-contract';
import type { UserAccountEntity } from '../persistence/user-account.entity';

/** An account as callers see it: field by field, so nothing else (the password hash) can slip out. */
export function toUserView(account: UserAccountEntity): UserView {
  const view = new UserView();
  view.id = account.id;
  view.email = account.email;
  view.name = account.name;
  view.roles = [...account.roles];
  view.createdAt = account.createdAt;
  return view;
}

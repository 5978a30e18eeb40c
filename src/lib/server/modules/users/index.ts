// Public surface of the users module (accounts, sign-in, roles, invitations).
export { loadActor } from './actor.ts';
export { signIn, signOut } from './sign-in.ts';
export { requestPasswordReset, resetPassword } from './password-reset.ts';
export { inviteUser, revokeInvitation, findOpenInvitation, acceptInvitation, INVITATION_TTL_MS } from './invitations.ts';
export { listUsers, getUser, updateUserRoles, removeUserAccess } from './admin.ts';
export { usersModule } from './module.ts';

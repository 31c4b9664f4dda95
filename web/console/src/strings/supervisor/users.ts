/** Usuários. */
export const usersStrings = {
  title: 'Usuários',
};

/**
 * The example of each command's help, as typed (the same in every language);
 * what each shows is worded in the catalogue: `help.<route>.ex1`, `.ex2`...
 * in this order.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  init: ['epic init', 'echo "$PASSWORD" | epic init --name "Ada Admin" --email ada@epic.test --password-stdin'],
  login: ['epic login --email ada@epic.test', 'echo "$PASSWORD" | epic login --email ada@epic.test --password-stdin'],
  logout: ['epic logout'],
  whoami: ['epic whoami'],
  'user create': ['echo "$PASSWORD" | epic user create --name "Bob Seller" --email bob@epic.test --role commercial --password-stdin'],
  'user list': ['epic user list --role support'],
  'user view': ['epic user view bob@epic.test'],
  'user edit': ['epic user edit bob@epic.test --role gestion', 'echo "$NEW" | epic user edit bob@epic.test --password-stdin'],
  'user delete': ['epic user delete bob@epic.test --reassign-to carla@epic.test'],
  'client create': [
    'epic client create --name "Kevin Casey" --email kevin@startup.io --phone "+678 123 456 78" --company "Cool Startup LLC"',
    'epic client create --name "Kevin Casey" --email kevin@startup.io --commercial bob@epic.test',
  ],
  'client list': ['epic client list --search startup'],
  'client view': ['epic client view k3f9'],
  'client edit': ['epic client edit k3f9 --phone "+33 6 12 34 56 78"'],
  'client delete': ['epic client delete k3f9 --yes'],
  'contract create': ['epic contract create --client k3f9 --total 12000 --remaining 6000 --signed'],
  'contract list': ['epic contract list --unpaid'],
  'contract view': ['epic contract view xtbf'],
  'contract edit': ['epic contract edit xtbf --total 14000'],
  'contract sign': ['epic contract sign xtbf'],
  'contract pay': ['epic contract pay xtbf --amount 1500.50'],
  'contract delete': ['epic contract delete xtbf --yes'],
  'event create': [
    'epic event create --contract xtbf --name "Casey wedding" --start "2026-06-04 13:00" --end "2026-06-05 02:00" --location "53 Rue du Château, Candé-sur-Beuvron" --attendees 75 --notes "DJ until 2am"',
  ],
  'event list': ['epic event list --unassigned', 'epic event list --cancelled'],
  'event view': ['epic event view bf5z'],
  'event edit': ['epic event edit bf5z --attendees 90'],
  'event assign': ['epic event assign bf5z --support sam@epic.test'],
  'event unassign': ['epic event unassign bf5z'],
  'event cancel': ['epic event cancel bf5z --reason "postponed to next year" --yes'],
  log: ['epic log --denied --since 2026-06-03'],
  history: [
    'epic history contract xtbf',
    'epic history contract xtbf --at "2026-06-01 09:00" --json',
    'epic history contract xtbf --format csv > xtbf.csv',
  ],
  'audit verify': [
    'epic audit verify',
    'epic audit verify --since epic-digest:1:4211:4211:20261101T090000Z:3b1f0c…',
    'epic audit verify --json',
  ],
  'audit digest': ['epic audit digest', 'epic audit digest --json'],
  'projection status': ['epic projection status'],
  'projection rebuild': ['epic projection rebuild', 'epic projection rebuild clients contracts'],
  'projection run': ['epic projection run --follow', 'epic projection run --follow --heartbeat /run/epic/follower.alive'],
  'import clients': ['epic import clients clients.csv --dry-run', 'epic import clients clients.csv'],
  export: ['epic export clients > clients.csv', 'epic export contracts --format json --output contracts.json'],
  help: ['epic help client'],
  completion: [
    'source <(epic completion bash)',
    'source <(epic completion zsh)',
    'epic completion fish > ~/.config/fish/completions/epic.fish',
  ],
  'completion users': ['epic completion users commercial'],
};

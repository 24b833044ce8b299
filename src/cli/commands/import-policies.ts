import { Command } from 'commander';
export function importPoliciesCommand(): Command {
  return new Command('policies');
}

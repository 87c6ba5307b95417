#!/usr/bin/env node
// The `withme` command. Node 24 runs the TypeScript sources directly.
import process from 'node:process';
import { main } from '../src/cli.ts';

process.exitCode = await main(process.argv.slice(2));

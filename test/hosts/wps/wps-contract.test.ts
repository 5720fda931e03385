import { hostContract } from '../shared/host-contract';
import { wpsHarness } from './harness';

// The shared contract with every shape ET may give a multi-cell Value2 / Formula, and every blank.
hostContract(wpsHarness('2d'));
hostContract(wpsHarness('flat', null));
hostContract(wpsHarness('scalar', ''));
hostContract(wpsHarness('throws'));

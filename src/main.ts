/**
 * The bundle's one public surface: each entry point becomes a real top-level function of dist/Code.js
 * (gas-webpack-plugin turns these assignments into declarations). Menus, triggers and
 * google.script.run bind to these names, so they never change. Nothing else may be put on global.
 */
import type { ServerApi } from './contracts/endpoints';
import * as server from './server';

declare const global: ServerApi & Record<string, unknown>;

global.onOpen = server.onOpen;
global.onInstall = server.onInstall;
global.showSidebar = server.showSidebar;
global.getSidebarState = server.getSidebarState;
global.retryFailedRows = server.retryFailedRows;
global.setRowActions = server.setRowActions;
global.selectRowsNeedingAction = server.selectRowsNeedingAction;
global.refreshAcceptance = server.refreshAcceptance;
global.formatRoster = server.formatRoster;
global.sendInvitations = server.sendInvitations;
global.checkRoster = server.checkRoster;
global.runScheduled = server.runScheduled;
global.getSchedule = server.getSchedule;
global.setSchedule = server.setSchedule;
global.clearSchedule = server.clearSchedule;
global.sendInvitationsFromMenu = server.sendInvitationsFromMenu;
global.checkRosterFromMenu = server.checkRosterFromMenu;
global.protectRoster = server.protectRoster;

/* app: wires the modules together: command dispatch, the frame loop, render/bench commands.
 * Owns AppState. The only module that talks to both platform_ and render_. */
#ifndef PAINMAP_APP_APP_H
#define PAINMAP_APP_APP_H

/* Runs painmap with the process arguments; returns the exit code:
 * 0 ok, 1 environment failed, 2 bad input. */
int app_main(int argc, char **argv);

#endif

/* main: parse the command line and hand off to the app. Nothing else lives here. */
#include "app/app.h"

int main(int argc, char **argv) {
    return app_main(argc, argv);
}

#include "app/app.h"

#include <stdio.h>

int app_main(int argc, char **argv) {
    (void)argc;
    (void)argv;
    printf("painmap %s\n", PAINMAP_VERSION);
    return 0;
}

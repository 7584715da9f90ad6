# cmake --install into a temporary prefix (and with DESTDIR), then the installed painmap must
# find its data, render a picture and list the content, again after the prefix is moved; the
# desktop file, the AppStream metainfo, the icon and the man page are checked where the
# validators are installed (tools/lib/deps.sh installs them).
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME install.relocate
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/install_test.sh ${CMAKE_COMMAND} ${CMAKE_BINARY_DIR}
            ${PROJECT_SOURCE_DIR} ${PROJECT_VERSION}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  # no PAINMAP_*_DIR here: the installed program must find everything by itself
  set_tests_properties(install.relocate PROPERTIES
    ENVIRONMENT "PAINMAP_LOG=warn;SDL_VIDEODRIVER=offscreen" TIMEOUT 300)
endif()

# The handout draws with cairo, which lives in painmap_app: its test links the app library
# (and fontconfig, to release its caches at exit for the leak checker).
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
add_executable(test_drawing_handout ${CMAKE_CURRENT_SOURCE_DIR}/drawing/app_handout.c)
painmap_target_defaults(test_drawing_handout)
target_link_libraries(test_drawing_handout PRIVATE painmap_app PkgConfig::FONTCONFIG
  PkgConfig::CMOCKA)
add_test(NAME drawing.handout COMMAND test_drawing_handout WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
set_tests_properties(drawing.handout PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")

# Extra checks on the baked model (included from tests/CMakeLists.txt).
# - bake.gltf_validator: the Khronos glTF validator must report 0 errors and 0 warnings.
#   Needs `npm ci --prefix tests/bake` once (skipped, not passed, when it is missing).
# - bake.deterministic: the same spec bakes to the same bytes with 1, 2 and 3 threads.
# (bake.geometry is tests/bake/test_geometry.c, registered like every test_*.c.)
find_program(PAINMAP_NODE NAMES node nodejs)
if(PAINMAP_NODE AND TARGET body_glb)
  add_test(NAME bake.gltf_validator
    COMMAND ${PAINMAP_NODE} ${CMAKE_CURRENT_LIST_DIR}/validate_glb.js ${CMAKE_BINARY_DIR}/body.glb
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(bake.gltf_validator PROPERTIES
    ENVIRONMENT "${PAINMAP_TEST_ENV}" SKIP_RETURN_CODE 77)
endif()
if(TARGET painmap_bake)
  add_test(NAME bake.deterministic
    COMMAND ${CMAKE_COMMAND} -DBAKE=$<TARGET_FILE:painmap_bake>
            -DASSETS=${PROJECT_SOURCE_DIR}/assets -DOUT_DIR=${CMAKE_BINARY_DIR}/bake_determinism
            -P ${CMAKE_CURRENT_LIST_DIR}/deterministic.cmake
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
endif()
# - bake.sdf: the baker's distance fields against brute-force references.
add_executable(test_bake_sdf ${CMAKE_CURRENT_LIST_DIR}/sdf_check.c
  ${PROJECT_SOURCE_DIR}/tools/bake/sdf.c)
painmap_target_defaults(test_bake_sdf)
target_include_directories(test_bake_sdf PRIVATE ${PROJECT_SOURCE_DIR}/tools/bake)
target_link_libraries(test_bake_sdf PRIVATE PkgConfig::CMOCKA m)
add_test(NAME bake.sdf COMMAND test_bake_sdf WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
# - bake.spec: the shape spec parser (points through landmarks, errors with json paths).
add_executable(test_bake_spec ${CMAKE_CURRENT_LIST_DIR}/spec_check.c
  ${PROJECT_SOURCE_DIR}/tools/bake/spec.c ${PROJECT_SOURCE_DIR}/tools/bake/sdf.c)
painmap_target_defaults(test_bake_spec)
target_include_directories(test_bake_spec PRIVATE ${PROJECT_SOURCE_DIR}/tools/bake)
target_link_libraries(test_bake_spec PRIVATE painmap_core PkgConfig::CMOCKA m)
add_test(NAME bake.spec COMMAND test_bake_spec WORKING_DIRECTORY ${CMAKE_BINARY_DIR})

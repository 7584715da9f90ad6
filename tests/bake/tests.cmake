# Extra checks on the baked model (included from tests/CMakeLists.txt).
# - bake.gltf_validator: the Khronos glTF validator must report 0 errors and 0 warnings.
#   Needs `npm ci --prefix tests/bake` once (skipped, not passed, when it is missing).
# - bake.deterministic: the same spec bakes to the same bytes with 1, 2 and 3 threads.
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

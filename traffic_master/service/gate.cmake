# Admission gate: waiting-room and shield HTTP routes plus the AdmissionCheck for the
set(TM_GATE_BENCH_DIR ${PROJECT_SOURCE_DIR}/traffic_master/bench)
# ticketing routes. Included from this folder's CMakeLists.txt.
add_module(traffic_master_gate
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/gate_app.cpp ${CMAKE_CURRENT_LIST_DIR}/waiting_room_routes.cpp
          ${CMAKE_CURRENT_LIST_DIR}/shield_routes.cpp ${CMAKE_CURRENT_LIST_DIR}/waiting_room_journal_file.cpp
          ${CMAKE_CURRENT_LIST_DIR}/gate_wiring.cpp ${CMAKE_CURRENT_LIST_DIR}/gate_status_json.cpp
  DEPS traffic_master_queue traffic_master_shield platform_service)

# The server links the gate (service_spec.cpp installs it; main.cpp runs verify-shuffle).
if(TARGET traffic_master_service)
  target_link_libraries(traffic_master_service PUBLIC traffic_master_gate)
endif()

add_unit_test(traffic_master_gate_http_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/gate_http_test.cpp
  DEPS traffic_master_gate platform_http_testing
  LABELS integration TIMEOUT 120)

# Load generator target for `./dev bench gate`: a server with one demo event and a login.
add_bench_binary(gate_http_bench_server SOURCES ${TM_GATE_BENCH_DIR}/gate_http_bench_server.cpp DEPS traffic_master_gate)
# The same allocator as the traffic-master binary whose routes it serves.
product_allocator(gate_http_bench_server)
# CPU per join / status read of the gate's handlers alone (no HTTP), to compare builds.
add_bench_binary(gate_handler_bench SOURCES ${TM_GATE_BENCH_DIR}/gate_handler_bench.cpp DEPS traffic_master_gate)
product_allocator(gate_handler_bench)

add_unit_test(traffic_master_gate_unit_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/waiting_room_journal_file_test.cpp ${CMAKE_CURRENT_LIST_DIR}/gate_status_json_test.cpp
  DEPS traffic_master_gate
  LABELS unit)
